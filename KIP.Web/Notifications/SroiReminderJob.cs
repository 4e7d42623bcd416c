using KIP.Domain;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Localization;
using KIP.Web.Settings;
using KIP.Web.Sroi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Notifications;

/// <summary>
/// Rulebook §7 Progress: 90 and 30 days before a contract's period ends, while its obligation is not met, the contract
/// partner's people and the officer who entered the contract get a notification in the app and an e-mail (through the
/// outbox), each reminder once (a unique index). Catch-up as the recognition reminders: of several due, only the
/// latest is sent (<see cref="KIP.Domain.Sroi.SroiProgress.RemindersDueOn"/>). Runs at start-up and daily after midnight.
/// </summary>
public sealed class SroiReminderJob(
    IDbContextFactory<KipDbContext> dbFactory,
    TimeProvider time,
    IStringLocalizer<Text> text,
    IOptions<KipOptions> kip,
    ILogger<SroiReminderJob> logger) : NotificationJob(time, logger)
{
    public const string NotificationTextKey = "Sroi.Reminder.Notification";

    /// <summary>One pass for today; answers how many reminders it sent (one per contract at most).</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = AmsterdamCalendar.Today(Time);
        var horizon = today.AddDays(KIP.Domain.Sroi.SroiProgress.ReminderDaysBeforePeriodEnd.Max());
        IReadOnlyList<ContractStanding> standings;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            standings = await SroiLedger.LoadAsync(db, db.SroiContracts.Where(c => today <= c.PeriodEnd && c.PeriodEnd <= horizon), today, cancellationToken);
        }

        var sent = 0;
        foreach (var standing in standings)
        {
            if (standing.Progress.RemindersDueOn(today) is { Send: { } days } due && await RemindAsync(standing, days, due.Moot, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> RemindAsync(ContractStanding standing, int days, IReadOnlyList<int> moot, CancellationToken cancellationToken)
    {
        var contract = standing.Contract;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recorded = await db.SroiSentReminders
            .Where(r => r.ContractId == contract.Id && r.PeriodEnd == contract.PeriodEnd)
            .Select(r => r.DaysBefore)
            .ToListAsync(cancellationToken);
        if (recorded.Contains(days))
        {
            return false;
        }

        var now = Time.GetUtcNow();
        foreach (var skipped in moot.Where(d => !recorded.Contains(d)))
        {
            db.SroiSentReminders.Add(new SroiSentReminder { Id = Guid.NewGuid(), ContractId = contract.Id, PeriodEnd = contract.PeriodEnd, DaysBefore = skipped, Skipped = true, At = now });
        }

        db.SroiSentReminders.Add(new SroiSentReminder { Id = Guid.NewGuid(), ContractId = contract.Id, PeriodEnd = contract.PeriodEnd, DaysBefore = days, At = now });

        var partnerIds = await db.SroiPartnerLinks.Where(l => l.PartnerKvk == contract.PartnerKvk).Select(l => l.PersonId).ToListAsync(cancellationToken);
        var recipients = await db.Persons.AsNoTracking()
            .Where(p => partnerIds.Contains(p.Id) || p.Id == contract.CreatedBy)
            .OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);
        var link = SroiAddresses.ContractFor(contract.Id);
        foreach (var person in recipients)
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                TextKey = NotificationTextKey,
                OrganisationName = contract.Title,
                ValidUntil = contract.PeriodEnd,
                DaysBefore = days,
                CreatedAt = now,
                Link = link,
            });
        }

        Queue(db, recipients, Mail(standing, link), now);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (SroiStorage.IsUniqueViolation(exception))
        {
            return false; // another pass sent it first
        }
    }

    /// <summary>The Dutch e-mail: the contract, what is realised against the obligation, the end date and the link.</summary>
    private (string Subject, string Body) Mail(ContractStanding standing, string link) => InDutch(() =>
    {
        var contract = standing.Contract;
        var end = DutchDates.Format(contract.PeriodEnd);
        var subject = text["Sroi.Reminder.Mail.Subject", contract.Title, end].Value;
        var body = text[
            "Sroi.Reminder.Mail.Body",
            contract.Title,
            contract.Reference,
            SroiTexts.Money(standing.Progress.Realised),
            SroiTexts.Money(standing.Progress.Obligation),
            end,
            new Uri(kip.Value.LinkAddress, link)].Value;
        return (subject, body);
    });

    protected override TimeSpan UntilNextPass(DateTimeOffset now) => RecognitionReminderJob.UntilNextRun(now);
}
