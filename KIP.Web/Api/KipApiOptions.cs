using KIP.Web.Settings;

namespace KIP.Web.Api;

/// <summary><c>Kip:Api</c>: the contact the OpenAPI document names (API Design Rules: a document names who answers questions).</summary>
public sealed class KipApiOptions : IKipSettings<KipApiOptions>
{
    public static string Section => "Kip:Api";

    public string ContactName { get; set; } = "Coördinatieteam KIP";

    public string ContactEmail { get; set; } = "kip@kip.example";

    /// <summary>Where to read more; default: KIP's own home page.</summary>
    public string? ContactUrl { get; set; }

    public static void Check(KipApiOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(settings.ContactName))
        {
            errors.Missing($"{Section}:{nameof(ContactName)}", "een naam, zoals Coördinatieteam KIP.", "a name, like Coördinatieteam KIP.");
        }

        if (!System.Net.Mail.MailAddress.TryCreate(settings.ContactEmail, out var address) || address.Address != settings.ContactEmail.Trim())
        {
            errors.Add($"{Section}:{nameof(ContactEmail)}", settings.ContactEmail, "een e-mailadres zoals kip@gemeente.nl.", "an e-mail address like kip@gemeente.nl.");
        }

        if (!string.IsNullOrWhiteSpace(settings.ContactUrl) && SettingErrors.HttpAddress(settings.ContactUrl) is null)
        {
            errors.Add($"{Section}:{nameof(ContactUrl)}", settings.ContactUrl, "een volledig http(s)-adres zoals https://kip.example.nl/contact.",
                "an absolute http(s) address like https://kip.example.nl/contact.");
        }
    }
}
