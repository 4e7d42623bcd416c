namespace KIP.Web.Settings;

/// <summary><c>Kip</c>: where KIP keeps its files, whether it fills an empty database, and the address users reach it on.</summary>
public sealed class KipOptions : IKipSettings<KipOptions>
{
    /// <summary>The address e-mails link to when <see cref="PublicUrl"/> is not set.</summary>
    public static readonly Uri DefaultLinkAddress = new("http://localhost:5015");

    public static string Section => KipSettings.Root;

    /// <summary>Where the SQLite database, uploads and mail pickup live, relative to the app; default <c>data</c>. Shared by several instances.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Fill an empty database with demo data; default: only in Development.</summary>
    public bool? DemoData { get; set; }

    /// <summary>
    /// The address users reach KIP on: the embedded provider's fixed issuer and the links in e-mails. When not set,
    /// the provider and KIP's own client follow each request's address (<c>RequestOrigin</c>).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// This instance's name when several run behind one proxy (e.g. <c>kip-a</c>): <c>/health</c> then answers with it in the
    /// header <c>X-Kip-Instance</c>. Not set: no such header.
    /// </summary>
    public string? InstanceName { get; set; }

    /// <summary><see cref="PublicUrl"/> as an address, or null when not set.</summary>
    public Uri? PublicAddress => string.IsNullOrWhiteSpace(PublicUrl) ? null : SettingErrors.HttpAddress(PublicUrl);

    /// <summary>The address links in e-mails start with.</summary>
    public Uri LinkAddress => PublicAddress ?? DefaultLinkAddress;

    public static void Check(KipOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(settings.DataFolder) || settings.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{Section}:{nameof(DataFolder)}", settings.DataFolder, "noem een map, zoals data of /var/lib/kip; laat de instelling weg voor data naast de app.",
                "name a folder, like data or /var/lib/kip; leave it out for data beside the app.");
        }

        if (settings.InstanceName is { Length: > 0 } name && (name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            errors.Add($"{Section}:{nameof(InstanceName)}", name, "een korte naam van letters, cijfers, - _ of ., zoals kip-a.", "a short name of letters, digits, - _ or ., like kip-a.");
        }

        if (!string.IsNullOrWhiteSpace(settings.PublicUrl) && settings.PublicAddress is null)
        {
            errors.Add($"{Section}:{nameof(PublicUrl)}", settings.PublicUrl,
                "geen volledig http(s)-adres zoals https://kip.example.nl (zonder ? of #); laat de instelling weg om KIP het adres uit elk verzoek te laten nemen.",
                "not an absolute http(s) address like https://kip.example.nl (without ? or #); leave it out to follow each request's address.");
        }
    }
}
