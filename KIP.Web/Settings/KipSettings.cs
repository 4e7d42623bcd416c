using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KIP.Web.Settings;

/// <summary>
/// Every section of the <c>Kip:*</c> configuration (each an <see cref="IKipSettings{TSelf}"/> class), bound to typed
/// options and validated before KIP does anything: a wrong setting stops the start with one line naming its key and
/// what is allowed (<see cref="KipSettingsException"/>). The same checks run again as <c>ValidateOnStart</c>.
/// </summary>
public static class KipSettings
{
    /// <summary>The configuration path all of KIP's own settings live under.</summary>
    public const string Root = "Kip";

    /// <summary>Every settings section of KIP.Web, by path.</summary>
    public static IReadOnlyList<KipSettingsSection> All { get; } = Discover();

    /// <summary>Every key the sections offer, with placeholders (<c>&lt;name&gt;</c>, <c>&lt;n&gt;</c>, <c>&lt;key&gt;</c>).</summary>
    public static IEnumerable<string> Keys() => All.SelectMany(s => SettingsShape.Keys(s.Path, s.Type));

    /// <summary>Every wrong setting in <paramref name="configuration"/>, one line each (empty when all is well).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new SettingErrors();
        SettingsShape.Check(configuration.GetSection(Root), typeof(KipOptions), All, errors, whole: true);
        foreach (var section in All)
        {
            section.Check(section.Bind(configuration), errors);
        }

        return errors.Lines;
    }

    /// <summary>
    /// Checks every setting now (throws <see cref="KipSettingsException"/> listing each wrong one), registers every
    /// section as options with its validator and <c>ValidateOnStart</c>, and answers the bound values for the
    /// registrations that depend on them.
    /// </summary>
    public static KipStartSettings AddKipSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (Problems(configuration) is { Count: > 0 } problems)
        {
            throw new KipSettingsException(problems);
        }

        foreach (var section in All)
        {
            section.Register(services);
        }

        return new KipStartSettings(configuration);
    }

    public static KipStartSettings AddKipSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddKipSettings(builder.Configuration);
    }

    /// <summary>Binds <typeparamref name="T"/>'s section; a value that does not convert is left at its default (the checks name it).</summary>
    public static T Bind<T>(IConfiguration configuration)
        where T : class, IKipSettings<T>, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = new T();
        BindInto(configuration.GetSection(T.Section), value);
        return value;
    }

    private static void BindInto(IConfigurationSection section, object value)
    {
        try
        {
            section.Bind(value);
        }
        catch (InvalidOperationException)
        {
            // A value of the wrong type: SettingsShape names its key and what is allowed.
        }
    }

    private static List<KipSettingsSection> Discover()
    {
        var describe = typeof(KipSettings).GetMethod(nameof(Describe), BindingFlags.NonPublic | BindingFlags.Static)!;
        return [.. typeof(KipSettings).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IKipSettings<>) && i.GetGenericArguments()[0] == t))
            .Select(t => (KipSettingsSection)describe.MakeGenericMethod(t).Invoke(null, null)!)
            .OrderBy(s => s.Path, StringComparer.Ordinal)];
    }

    private static KipSettingsSection Describe<T>()
        where T : class, IKipSettings<T>, new() =>
        new(
            T.Section,
            typeof(T),
            Bind<T>,
            (value, errors) => T.Check((T)value, errors),
            services =>
            {
                services.AddOptions<T>()
                    .Configure<IConfiguration>((value, configuration) => BindInto(configuration.GetSection(T.Section), value))
                    .ValidateOnStart();
                services.AddSingleton<IOptionsChangeTokenSource<T>>(provider =>
                    new ConfigurationChangeTokenSource<T>(provider.GetRequiredService<IConfiguration>().GetSection(T.Section)));
                services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SectionValidator<T>>());
            });

    /// <summary>The same checks as at build time, for <c>ValidateOnStart</c> and for options read later.</summary>
    private sealed class SectionValidator<T>(IConfiguration configuration) : IValidateOptions<T>
        where T : class, IKipSettings<T>, new()
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = new SettingErrors();
            SettingsShape.Check(configuration.GetSection(T.Section), typeof(T), All, errors, whole: false);
            T.Check(options, errors);
            return errors.Any ? ValidateOptionsResult.Fail(errors.Lines) : ValidateOptionsResult.Success;
        }
    }
}

/// <summary>One settings section: its path, its class, and how it is bound, checked and registered.</summary>
public sealed record KipSettingsSection(
    string Path, Type Type, Func<IConfiguration, object> Bind, Action<object, SettingErrors> Check, Action<IServiceCollection> Register);

/// <summary>
/// The settings as bound while the app is built (the data folder, the public address, the authorities, the mail
/// transport), checked already; everything later takes them as <c>IOptions&lt;T&gt;</c>.
/// </summary>
public sealed class KipStartSettings(IConfiguration configuration)
{
    private readonly Dictionary<Type, object> _bound = [];

    public T Get<T>()
        where T : class, IKipSettings<T>, new()
    {
        if (!_bound.TryGetValue(typeof(T), out var value))
        {
            value = KipSettings.Bind<T>(configuration);
            _bound[typeof(T)] = value;
        }

        return (T)value;
    }
}
