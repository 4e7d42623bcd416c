using KIP.Web.Settings;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace KIP.Web.Notifications;

/// <summary>Hands one e-mail to the world; throws when it could not (the dispatcher then retries later).</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// <c>Kip:Mail</c>: <c>Transport</c> = <c>Pickup</c> | <c>Smtp</c>, <c>From</c>, and <c>Smtp:Host/Port/Username/Password/UseStartTls</c>.
/// By default Development writes .eml files; elsewhere SMTP when a host is configured, otherwise mail stays queued.
/// Any other transport stops the start: a typo must not quietly turn production mail into files.
/// </summary>
public sealed class KipMailOptions : IKipSettings<KipMailOptions>
{
    public const string PickupTransport = "Pickup";
    public const string SmtpTransport = "Smtp";

    public static readonly IReadOnlyList<string> Transports = [PickupTransport, SmtpTransport];

    public static string Section => "Kip:Mail";

    public string? Transport { get; set; }

    /// <summary>The sender of KIP's e-mails.</summary>
    public string From { get; set; } = "KIP <noreply@kip.example>";

    public KipSmtpOptions Smtp { get; set; } = new();

    /// <summary>The transport to use, or null when mail can only be queued (Production without an SMTP host).</summary>
    public string? ChosenTransport(IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(Transport))
        {
            return string.Equals(Transport.Trim(), SmtpTransport, StringComparison.OrdinalIgnoreCase) ? SmtpTransport : PickupTransport;
        }

        if (environment.IsDevelopment())
        {
            return PickupTransport;
        }

        return string.IsNullOrWhiteSpace(Smtp.Host) ? null : SmtpTransport;
    }

    public static void Check(KipMailOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        if (!string.IsNullOrWhiteSpace(settings.Transport) && !Transports.Contains(settings.Transport.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{Section}:{nameof(Transport)}", settings.Transport,
                "kies Pickup (e-mails als bestanden in <datamap>/mail) of Smtp, of laat de instelling weg.",
                "choose Pickup (e-mails as files in <data folder>/mail) or Smtp, or leave it out.");
        }

        if (string.Equals(settings.Transport?.Trim(), SmtpTransport, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(settings.Smtp.Host))
        {
            errors.Missing($"{Section}:{nameof(Smtp)}:{nameof(KipSmtpOptions.Host)}", "Kip:Mail:Transport is Smtp, dus noem de SMTP-server, zoals smtp.example.nl.",
                "Kip:Mail:Transport is Smtp, so name the SMTP server, like smtp.example.nl.");
        }

        if (!MailboxAddress.TryParse(settings.From, out var from) || from.Address.IndexOf('@', StringComparison.Ordinal) is <= 0 || from.Address.EndsWith('@'))
        {
            errors.Add($"{Section}:{nameof(From)}", settings.From, "een afzender zoals KIP <noreply@kip.example.nl>.", "a sender like KIP <noreply@kip.example.nl>.");
        }

        errors.AtLeast($"{Section}:{nameof(Smtp)}:{nameof(KipSmtpOptions.Port)}", settings.Smtp.Port, 1, 65_535);
    }
}

/// <summary><c>Kip:Mail:Smtp</c>: the SMTP server KIP sends through.</summary>
public sealed class KipSmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool UseStartTls { get; set; } = true;
}

/// <summary>Development: every e-mail as an RFC 5322 .eml file in <c>&lt;Kip:DataFolder&gt;/mail</c>, to open in any mail program.</summary>
public sealed class PickupFolderMailTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var name = $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{message.MessageId?.Split('@')[0] ?? Guid.NewGuid().ToString("N")}.eml";
        var path = Path.Combine(Folder, name);

        // Write beside and move, so a reader never sees half a message.
        var partial = path + ".part";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }
}

/// <summary>Production: SMTP with MailKit, configured by <c>Kip:Mail:Smtp:*</c>.</summary>
public sealed class SmtpMailTransport(KipSmtpOptions settings) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        var host = settings.Host ?? throw new InvalidOperationException("Kip:Mail:Smtp:Host is not configured.");
        await client.ConnectAsync(host, settings.Port, settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Username))
        {
            await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
