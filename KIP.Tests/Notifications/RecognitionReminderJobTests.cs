using KIP.Domain;
using KIP.Web.Data;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KIP.Tests.Notifications;

/// <summary>
/// Rulebook §3 Reminders with a fake clock: 90 and 30 days before the valid-until (KIP.Domain's numbers), once each,
/// caught up after a missed day, only the latest after a long outage, nothing for open-ended, revoked or renewed.
/// </summary>
public sealed class RecognitionReminderJobTests
{
    private static readonly DateOnly ValidUntil = new(2027, 6, 30);

    private static readonly (string, string)[] TwoMembers = [("Fenna de Vries", "fenna@werkplaats.example"), ("Joris Bakker", "joris@werkplaats.example")];

    private static DateOnly DaysBefore(int days, DateOnly? validUntil = null) => (validUntil ?? ValidUntil).AddDays(-days);

    private sealed record Counts(int Notifications, int Mails, int Sent, int Skipped);

    private static async Task<Counts> CountAsync(NotificationHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return new Counts(
            await db.Notifications.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.SentReminders.CountAsync(r => r.Outcome == ReminderOutcome.Sent),
            await db.SentReminders.CountAsync(r => r.Outcome == ReminderOutcome.Skipped));
    }

    private static async Task<List<int>> SentDaysAsync(NotificationHost host, Guid organisation)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return await db.SentReminders.Where(r => r.OrganisationId == organisation && r.Outcome == ReminderOutcome.Sent)
            .OrderBy(r => r.At).Select(r => r.DaysBefore).ToListAsync();
    }

    [Fact]
    public void The_reminder_days_are_KIP_Domains()
    {
        // The job reads them; this pins what the scenario below assumes.
        Assert.Equal([DaysBefore(90), DaysBefore(30)], RecognitionPolicy.ReminderDates(ValidUntil));
    }

    [Fact]
    public async Task Reminders_go_out_at_90_and_30_days_once_each()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(91));
        var organisation = await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);

        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(0, 0, 0, 0), await CountAsync(host));

        host.GoTo(DaysBefore(90));
        Assert.Equal(1, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(2, 2, 1, 0), await CountAsync(host));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var notifications = await db.Notifications.ToListAsync();
            Assert.All(notifications, n => Assert.Equal((organisation, ValidUntil, 90, "De Werkplaats", RecognitionReminderJob.NotificationTextKey), (n.OrganisationId, n.ValidUntil, n.DaysBefore, n.OrganisationName, n.TextKey)));
            Assert.Equal(["pso-30-plus"], notifications[0].Criteria);
            Assert.Equal(2, notifications.Select(n => n.PersonId).Distinct().Count());
            var mails = await db.OutboxMessages.OrderBy(m => m.To).ToListAsync();
            Assert.Equal(["fenna@werkplaats.example", "joris@werkplaats.example"], mails.Select(m => MimeKit.MailboxAddress.Parse(m.To).Address));
            var mail = mails[0];
            Assert.Equal("De erkenning van De Werkplaats als sociaal ondernemer loopt af op 30 juni 2027", mail.Subject);
            Assert.Contains("PSO 30+", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://kip.example.nl/organisaties/{organisation}/aanvraag", mail.TextBody, StringComparison.Ordinal);
            Assert.Null(mail.SentAt);
        }

        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(2, 2, 1, 0), await CountAsync(host));

        host.GoTo(DaysBefore(31));
        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(2, 2, 1, 0), await CountAsync(host));

        host.GoTo(DaysBefore(30));
        Assert.Equal(1, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(4, 4, 2, 0), await CountAsync(host));
        Assert.Equal([90, 30], await SentDaysAsync(host, organisation));

        host.GoTo(DaysBefore(0));
        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(4, 4, 2, 0), await CountAsync(host));

        host.GoTo(ValidUntil.AddDays(1));
        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(4, 4, 2, 0), await CountAsync(host));
    }

    [Fact]
    public async Task A_missed_day_is_caught_up_on_the_next_run()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(88));
        var organisation = await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);

        Assert.Equal(1, await host.Job.RunOnceAsync(default));

        Assert.Equal([90], await SentDaysAsync(host, organisation));
        Assert.Equal(new Counts(2, 2, 1, 0), await CountAsync(host));
    }

    [Fact]
    public async Task After_a_long_outage_only_the_latest_due_reminder_is_sent_and_the_earlier_one_is_recorded_as_skipped()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(25));
        var organisation = await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);

        Assert.Equal(1, await host.Job.RunOnceAsync(default));

        Assert.Equal([30], await SentDaysAsync(host, organisation));
        Assert.Equal(new Counts(2, 2, 1, 1), await CountAsync(host));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.Equal(90, (await db.SentReminders.SingleAsync(r => r.Outcome == ReminderOutcome.Skipped)).DaysBefore);
        Assert.All(await db.Notifications.ToListAsync(), n => Assert.Equal(30, n.DaysBefore));
    }

    [Fact]
    public async Task A_renewed_recognition_is_reminded_of_its_new_valid_until_not_the_old_one()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(90));
        var organisation = await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);
        Assert.Equal(1, await host.Job.RunOnceAsync(default));

        // A new PSO certificate, accepted 40 days before the old date: the valid-until moves two years on.
        var renewed = ValidUntil.AddYears(2);
        host.GoTo(DaysBefore(40));
        await host.ChangeAsync(organisation, o => o.Accept(CriterionCode.Pso30Plus, host.Today, renewed, null));

        host.GoTo(DaysBefore(30));
        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        host.GoTo(DaysBefore(91, renewed));
        Assert.Equal(0, await host.Job.RunOnceAsync(default));
        host.GoTo(DaysBefore(90, renewed));
        Assert.Equal(1, await host.Job.RunOnceAsync(default));

        await using var db = await host.Db.CreateDbContextAsync();
        var sent = await db.SentReminders.OrderBy(r => r.At).Select(r => new { r.ValidUntil, r.DaysBefore }).ToListAsync();
        Assert.Equal([new { ValidUntil, DaysBefore = 90 }, new { ValidUntil = renewed, DaysBefore = 90 }], sent);
    }

    [Fact]
    public async Task Open_ended_revoked_and_lapsed_recognitions_get_no_reminder()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(95));
        var from = new DateOnly(2025, 7, 1);

        // Open-ended on its own, and open-ended beside a dated criterion (the recognition then has no valid-until).
        await host.OrganisationAsync("Open Einde", from, null, TwoMembers[0]);
        var both = await host.OrganisationAsync("Beide", from, ValidUntil, TwoMembers[1]);
        await host.ChangeAsync(both, o => o.Accept(CriterionCode.SocialEnterpriseNl, from, null, null));
        var revoked = await host.OrganisationAsync("Ingetrokken", from, ValidUntil, ("Ada", "ada@ingetrokken.example"));
        await host.ChangeAsync(revoked, o => o.RevokeAll(host.Today, "Certificaat ingetrokken."));
        var lapsed = await host.OrganisationAsync("Verlopen", from, DaysBefore(91), ("Bo", "bo@verlopen.example"));

        foreach (var day in new[] { 90, 30, 0 })
        {
            host.GoTo(DaysBefore(day));
            Assert.Equal(0, await host.Job.RunOnceAsync(default));
        }

        Assert.Equal(new Counts(0, 0, 0, 0), await CountAsync(host));
        Assert.NotEqual(Guid.Empty, lapsed);
    }

    [Fact]
    public async Task Two_passes_at_the_same_moment_send_each_reminder_once()
    {
        // Both passes read "not sent" before either writes: only the unique index can keep it at once.
        var meet = new BothSaveAtOnce();
        await using var host = await NotificationHost.StartAsync(DaysBefore(90), interceptors: meet);
        await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);
        var job = host.Job;

        var results = await Task.WhenAll(Task.Run(() => job.RunOnceAsync(default)), Task.Run(() => job.RunOnceAsync(default)));

        Assert.True(meet.Met, "both passes reached their save before either saved");
        Assert.Equal(1, results.Sum());
        Assert.Equal(new Counts(2, 2, 1, 0), await CountAsync(host));
    }

    [Fact]
    public async Task The_unique_index_refuses_a_second_record_of_the_same_reminder()
    {
        await using var host = await NotificationHost.StartAsync(DaysBefore(90));
        var organisation = await host.OrganisationAsync("De Werkplaats", new DateOnly(2025, 7, 1), ValidUntil, TwoMembers);
        Assert.Equal(1, await host.Job.RunOnceAsync(default));

        await using var db = await host.Db.CreateDbContextAsync();
        db.SentReminders.Add(new SentReminder { Id = Guid.NewGuid(), OrganisationId = organisation, ValidUntil = ValidUntil, DaysBefore = 90, At = host.Time.GetUtcNow() });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public void The_daily_run_is_just_after_the_next_midnight_in_Amsterdam()
    {
        // 22:30 UTC on 28 November is 23:30 in Amsterdam (winter time): the next run is at 00:05 on the 29th.
        Assert.Equal(TimeSpan.FromMinutes(35), RecognitionReminderJob.UntilNextRun(new DateTimeOffset(2026, 11, 28, 22, 30, 0, TimeSpan.Zero)));

        // 21:30 UTC on 28 June is 23:30 in Amsterdam (summer time).
        Assert.Equal(TimeSpan.FromMinutes(35), RecognitionReminderJob.UntilNextRun(new DateTimeOffset(2027, 6, 28, 21, 30, 0, TimeSpan.Zero)));
    }

    /// <summary>Holds each save of a reminder until two passes have reached it.</summary>
    private sealed class BothSaveAtOnce : SaveChangesInterceptor
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public bool Met => _both.Task.IsCompletedSuccessfully;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is KipDbContext db && db.ChangeTracker.Entries<SentReminder>().Any())
            {
                if (Interlocked.Increment(ref _arrived) == 2)
                {
                    _both.TrySetResult();
                }

                await _both.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }

            return result;
        }
    }
}
