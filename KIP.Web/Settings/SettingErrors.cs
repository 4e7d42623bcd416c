namespace KIP.Web.Settings;

/// <summary>
/// The wrong settings found in one check: one line per setting, naming its key, the value given and what is
/// allowed, in Dutch and English (an operator reads them in the start-up log).
/// </summary>
public sealed class SettingErrors
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public bool Any => _lines.Count > 0;

    /// <summary>One wrong setting: <c>Kip:Mail:Transport = 'Smpt': kies Pickup of Smtp. / choose Pickup or Smtp.</c></summary>
    public void Add(string key, string? given, string dutch, string english) =>
        _lines.Add($"{key}{(given is null ? string.Empty : $" = '{given}'")}: {dutch} / {english}");

    /// <summary>A required setting that is missing or blank.</summary>
    public void Missing(string key, string dutch, string english) => Add(key, null, "ontbreekt; " + dutch, "missing; " + english);

    /// <summary>An absolute http(s) address without query or fragment (or null when <paramref name="text"/> is not one).</summary>
    public static Uri? HttpAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment)
            ? url
            : null;

    /// <summary>A whole number from <paramref name="minimum"/> up to <paramref name="maximum"/>.</summary>
    public void AtLeast(string key, long value, long minimum, long maximum = int.MaxValue)
    {
        if (value < minimum || value > maximum)
        {
            Add(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"een geheel getal van {minimum} tot en met {maximum}.", $"a whole number from {minimum} to {maximum}.");
        }
    }

    /// <summary>A duration longer than zero.</summary>
    public void Positive(string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            Add(key, value.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                "een duur langer dan nul, zoals 00:30:00 (uu:mm:ss).", "a duration longer than zero, like 00:30:00 (hh:mm:ss).");
        }
    }
}
