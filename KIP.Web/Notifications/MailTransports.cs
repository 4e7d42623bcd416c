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
/// </summary>
public sealed record MailSettings(string? Transport, string From, string? Host, int Port, string? Username, string? Password, bool UseStartTls)
{
    public const string Pickup = "Pickup";
    public const string Smtp = "Smtp";

    public static MailSettings Read(IConfiguration configuration) => new(
        configuration["Kip:Mail:Transport"],
        configuration["Kip:Mail:From"] ?? "KIP <noreply@kip.example>",
        configuration["Kip:Mail:Smtp:Host"],
        configuration.GetValue("Kip:Mail:Smtp:Port", 587),
        configuration["Kip:Mail:Smtp:Username"],
        configuration["Kip:Mail:Smtp:Password"],
        configuration.GetValue("Kip:Mail:Smtp:UseStartTls", true));

    /// <summary>The transport to use, or null when mail can only be queued (Production without an SMTP host).</summary>
    public string? ChosenTransport(IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(Transport))
        {
            return string.Equals(Transport, Smtp, StringComparison.OrdinalIgnoreCase)
                ? (string.IsNullOrWhiteSpace(Host) ? null : Smtp)
                : Pickup;
        }

        if (environment.IsDevelopment())
        {
            return Pickup;
        }

        return string.IsNullOrWhiteSpace(Host) ? null : Smtp;
    }
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
public sealed class SmtpMailTransport(MailSettings settings) : IMailTransport
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
