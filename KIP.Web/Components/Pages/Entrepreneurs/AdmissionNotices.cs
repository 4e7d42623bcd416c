using System.Globalization;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Live;
using KIP.Web.Localization;
using KIP.Web.Settings;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>
/// The coordination team's decision on an organisation's admission or on a person's access request is
/// told to the people it concerns — a notification in the app (<c>/meldingen</c>) and an e-mail through the outbox,
/// with the reason when refused, written in the same transaction as the decision (so once) — and every open
/// "Mijn organisatie" and manage page of that organisation reloads (<see cref="OrganisationChanged"/>).
/// </summary>
public sealed class AdmissionNotices(IStringLocalizer<Text> text, IOptions<KipOptions> kip, ISessionNotifier notifier)
{
    public const string AdmittedKey = "Admission.Notification.Admitted";
    public const string DeclinedKey = "Admission.Notification.Declined";
    public const string GrantedKey = "Access.Notification.Granted";
    public const string RefusedKey = "Access.Notification.Refused";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo(KipCultures.Dutch);

    /// <summary>The notification texts this class writes (the notifications page shows them with a link to "Mijn organisatie").</summary>
    public static bool IsAdmissionText(string textKey) => textKey is AdmittedKey or DeclinedKey or GrantedKey or RefusedKey;

    /// <summary>The reason a refusal carries (kept in the notification's argument list; no migration for a column of its own).</summary>
    public static string? ReasonOf(Notification notification) =>
        notification is { TextKey: DeclinedKey or RefusedKey, Criteria.Count: > 0 } ? notification.Criteria[0] : null;

    /// <summary>Adds a notification and an e-mail per recipient to <paramref name="db"/>; saved with the decision.</summary>
    public void Add(KipDbContext db, Guid organisationId, string organisationName, IEnumerable<Person> recipients, string textKey, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var person in recipients)
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                OrganisationId = organisationId,
                TextKey = textKey,
                OrganisationName = organisationName,
                Criteria = reason is null ? [] : [reason],
                CreatedAt = now,
            });
            if (MailboxAddress.TryParse(person.Email, out _))
            {
                var (subject, body) = Mail(person.Name, organisationName, textKey, reason);
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = Guid.NewGuid(),
                    To = new MailboxAddress(person.Name, person.Email).ToString(),
                    Subject = subject,
                    TextBody = body,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
            }
        }
    }

    /// <summary>After the decision is committed: open pages of this organisation reload.</summary>
    public Task AnnounceAsync(Guid organisationId) => notifier.PublishAsync(new OrganisationChanged(organisationId));

    private (string Subject, string Body) Mail(string personName, string organisationName, string textKey, string? reason)
    {
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = Dutch;
            CultureInfo.CurrentUICulture = Dutch;
            var publicUrl = kip.Value.LinkAddress;
            var subject = text[textKey + ".Subject", organisationName].Value;
            var body = text[
                "Admission.Mail.Body",
                personName,
                text[textKey, organisationName, reason ?? string.Empty].Value,
                new Uri(publicUrl, MyOrganisation.Url),
                new Uri(publicUrl, Components.Pages.Notifications.NotificationsPage.Url)].Value;
            return (subject, body);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
