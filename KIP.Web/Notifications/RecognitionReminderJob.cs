using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Localization;
using KIP.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Notifications;

/// <summary>
/// Rulebook §3 Reminders: before a recognition's valid-until (the days come from KIP.Domain's
/// <see cref="RecognitionPolicy.ReminderDates"/>) every member of the organisation gets a notification in the app and
/// the organisation an e-mail (through the outbox), each once. Runs at start-up and then daily just after midnight in
/// Amsterdam, by the injected <see cref="TimeProvider"/>. A pass sends what is due and not yet sent, so a missed day is
/// caught up; when several reminders for one valid-until are due only the latest is sent (docs/decisions/007-reminders.md).
/// </summary>
public sealed partial class RecognitionReminderJob(
    IDbContextFactory<KipDbContext> dbFactory,
    TimeProvider time,
    IStringLocalizer<Text> text,
    IOptions<KipOptions> kip,
    ILogger<RecognitionReminderJob> logger) : NotificationJob(time, logger)
{
    public const string NotificationTextKey = "Reminders.Notification.Text";

    /// <summary>One pass for today; answers how many reminders it sent (one per organisation and valid-until at most).</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = AmsterdamCalendar.Today(Time);
        var horizon = today.AddDays(RecognitionPolicy.ReminderDaysBeforeValidUntil.Max());
        List<Guid> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // A first sieve in the database; KIP.Domain decides below (the recognition's valid-until is the latest of all).
            var validToday = AcceptedCriterion.ValidOn(today);
            candidates = await db.Organisations.AsNoTracking()
                .Where(o => o.AcceptedCriteria.AsQueryable().Where(validToday).Any(c => c.ValidUntil != null && c.ValidUntil <= horizon))
                .Select(o => o.Id)
                .ToListAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var organisationId in candidates)
        {
            if (await RemindAsync(organisationId, today, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> RemindAsync(Guid organisationId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation.ValidUntilOn(today) is not { } validUntil)
        {
            return false; // open-ended, lapsed or revoked
        }

        if (RecognitionPolicy.RemindersDueOn(validUntil, today) is not { Send: { } latest } due)
        {
            return false;
        }

        var recorded = await db.SentReminders
            .Where(r => r.OrganisationId == organisationId && r.ValidUntil == validUntil)
            .Select(r => r.DaysBefore)
            .ToListAsync(cancellationToken);
        if (recorded.Contains(latest))
        {
            return false;
        }

        var now = Time.GetUtcNow();
        foreach (var skipped in due.Moot.Where(days => !recorded.Contains(days)))
        {
            db.SentReminders.Add(new SentReminder { Id = Guid.NewGuid(), OrganisationId = organisationId, ValidUntil = validUntil, DaysBefore = skipped, Outcome = ReminderOutcome.Skipped, At = now });
        }

        db.SentReminders.Add(new SentReminder { Id = Guid.NewGuid(), OrganisationId = organisationId, ValidUntil = validUntil, DaysBefore = latest, Outcome = ReminderOutcome.Sent, At = now });

        var members = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId)
            .Join(db.Persons, m => m.PersonId, p => p.Id, (m, p) => p)
            .OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);
        var criteria = organisation.ValidCriteriaOn(today).Select(c => c.Code.Value).Distinct().ToList();
        foreach (var member in members)
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(),
                PersonId = member.Id,
                OrganisationId = organisationId,
                TextKey = NotificationTextKey,
                OrganisationName = organisation.Name,
                Criteria = criteria,
                ValidUntil = validUntil,
                DaysBefore = latest,
                CreatedAt = now,
            });
        }

        if (Queue(db, members, Mail(organisation.Name, organisationId, criteria, validUntil), now) == 0)
        {
            LogNoAddress(Logger, organisationId);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // The unique (organisation, valid-until, days) index: another pass sent it first.
            return false;
        }
    }

    /// <summary>The Dutch e-mail: names the organisation, the criteria and the date, and how to renew.</summary>
    private (string Subject, string Body) Mail(string organisationName, Guid organisationId, IReadOnlyList<string> criteria, DateOnly validUntil) => InDutch(() =>
    {
        var publicUrl = kip.Value.LinkAddress;
        var date = DutchDates.Format(validUntil);
        var criteriaText = string.Join(", ", criteria.Select(CatalogText.CriterionTitle));
        var subject = text["Reminders.Mail.Subject", organisationName, date].Value;
        var body = text[
            "Reminders.Mail.Body",
            organisationName,
            criteriaText,
            date,
            new Uri(publicUrl, AssessmentPage.UrlFor(organisationId)),
            new Uri(publicUrl, MyApplications.UrlFor(organisationId)),
            new Uri(publicUrl, "/meldingen")].Value;
        return (subject, body);
    });

    protected override TimeSpan UntilNextPass(DateTimeOffset now) => UntilNextRun(now);

    /// <summary>From <paramref name="now"/> to five minutes past the next midnight in Amsterdam.</summary>
    public static TimeSpan UntilNextRun(DateTimeOffset now)
    {
        var tomorrow = AmsterdamCalendar.DateOf(now).AddDays(1).ToDateTime(new TimeOnly(0, 5));
        var next = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(tomorrow, AmsterdamCalendar.Zone), TimeSpan.Zero);
        var wait = next - now;
        return wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Organisation {Id} has no member with an e-mail address: its reminder is shown in the app only.")]
    private static partial void LogNoAddress(ILogger logger, Guid id);
}
