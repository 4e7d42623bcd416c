using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace KIP.Web.Settings;

/// <summary>
/// The shape of a settings class as configuration sees it: which keys exist, and which values convert to each
/// key's type. A misspelt key or a value of the wrong type would otherwise be ignored or fail without naming the key.
/// </summary>
internal static class SettingsShape
{
    /// <summary>
    /// Checks the keys under <paramref name="section"/> against <paramref name="type"/>. Keys of another settings
    /// section (<paramref name="sections"/>) are left to that section, unless <paramref name="whole"/>.
    /// </summary>
    public static void Check(IConfigurationSection section, Type? type, IReadOnlyList<KipSettingsSection> sections, SettingErrors errors, bool whole)
    {
        foreach (var child in section.GetChildren())
        {
            if (sections.FirstOrDefault(s => Same(s.Path, child.Path)) is { } nested)
            {
                if (whole)
                {
                    Check(child, nested.Type, sections, errors, whole);
                }

                continue;
            }

            if (type is not null && Properties(type).FirstOrDefault(p => Same(p.Name, child.Key)) is { } property)
            {
                Value(child, property.PropertyType, sections, errors, whole);
                continue;
            }

            if (sections.Any(s => s.Path.StartsWith(child.Path + ":", StringComparison.OrdinalIgnoreCase)))
            {
                Check(child, null, sections, errors, whole);
                continue;
            }

            var known = string.Join(", ", Known(section.Path, type, sections));
            errors.Add(child.Path, null, $"onbekende instelling; bekend onder {section.Path}: {known}.", $"unknown setting; known under {section.Path}: {known}.");
        }
    }

    /// <summary>
    /// Every key a settings class offers, with placeholders for names: <c>Kip:Auth:Schemes:&lt;name&gt;:ClientId</c>. A list of
    /// values is one key (<c>Kip:ForwardedHeaders:KnownProxies</c>, set as <c>KnownProxies:0</c>, <c>KnownProxies:1</c> …).
    /// </summary>
    public static IEnumerable<string> Keys(string prefix, Type type)
    {
        foreach (var property in Properties(type))
        {
            foreach (var key in KeysOf(prefix + ":" + property.Name, property.PropertyType))
            {
                yield return key;
            }
        }
    }

    /// <summary>The public settable properties (and collections and nested classes, which are filled in place).</summary>
    public static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null
                && (p.SetMethod?.IsPublic == true || !IsScalar(p.PropertyType)));

    private static IEnumerable<string> KeysOf(string key, Type type)
    {
        if (IsScalar(type))
        {
            return [key];
        }

        if (DictionaryValue(type) is { } value)
        {
            return IsScalar(value) ? [key + ":<key>"] : Keys(key + ":<name>", value);
        }

        if (ListElement(type) is { } element)
        {
            return IsScalar(element) ? [key] : Keys(key + ":<n>", element);
        }

        return Keys(key, type);
    }

    private static void Value(IConfigurationSection child, Type type, IReadOnlyList<KipSettingsSection> sections, SettingErrors errors, bool whole)
    {
        var parts = child.GetChildren().ToList();
        if (IsScalar(type))
        {
            if (parts.Count > 0)
            {
                errors.Add(child.Path, null, "verwacht één waarde, geen onderdelen.", "expects one value, not parts.");
            }
            else if (child.Value is { } given && !Converts(given, type))
            {
                var (dutch, english) = Expected(type);
                errors.Add(child.Path, given, dutch, english);
            }

            return;
        }

        if (child.Value is { Length: > 0 } single)
        {
            errors.Add(child.Path, single, "verwacht onderdelen, geen enkele waarde (zie README, 'Configuration').",
                "expects parts, not a single value (see README, 'Configuration').");
            return;
        }

        if (DictionaryValue(type) is { } value)
        {
            foreach (var part in parts)
            {
                Value(part, value, sections, errors, whole);
            }
        }
        else if (ListElement(type) is { } element)
        {
            foreach (var part in parts)
            {
                if (!int.TryParse(part.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(part.Path, null, "een lijst telt zijn onderdelen 0, 1, 2 ….", "a list numbers its items 0, 1, 2 ….");
                }
                else
                {
                    Value(part, element, sections, errors, whole);
                }
            }
        }
        else
        {
            Check(child, type, sections, errors, whole);
        }
    }

    private static IEnumerable<string> Known(string path, Type? type, IReadOnlyList<KipSettingsSection> sections) =>
        (type is null ? [] : Properties(type).Select(p => p.Name))
            .Concat(sections.Where(s => s.Path.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Path[(path.Length + 1)..].Split(':')[0]))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsScalar(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(decimal) || plain == typeof(TimeSpan)
            || plain == typeof(Uri) || plain == typeof(DateOnly) || plain == typeof(DateTimeOffset) || plain == typeof(DateTime);
    }

    private static Type? DictionaryValue(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;

    private static bool Converts(string value, Type type)
    {
        var plain = Nullable.GetUnderlyingType(type);
        if (plain is not null && value.Length == 0)
        {
            return true;
        }

        plain ??= type;
        if (plain == typeof(string))
        {
            return true;
        }

        try
        {
            return TypeDescriptor.GetConverter(plain).ConvertFromInvariantString(value) is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException || e.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static (string Dutch, string English) Expected(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (plain == typeof(bool))
        {
            return ("kies true of false.", "choose true or false.");
        }

        if (plain == typeof(int) || plain == typeof(long))
        {
            return ("verwacht een geheel getal.", "expects a whole number.");
        }

        if (plain == typeof(TimeSpan))
        {
            return ("verwacht een duur zoals 00:30:00 (uu:mm:ss) of 1.00:00:00 (een dag).", "expects a duration like 00:30:00 (hh:mm:ss) or 1.00:00:00 (a day).");
        }

        if (plain.IsEnum)
        {
            var names = string.Join(", ", Enum.GetNames(plain));
            return ($"kies uit {names}.", $"choose from {names}.");
        }

        return ($"verwacht een waarde van het type {plain.Name}.", $"expects a value of type {plain.Name}.");
    }
}
