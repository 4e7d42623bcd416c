using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Localization;
using KIP.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Notifications;

/// <summary>
/// Rulebook §5–§6 "the coordination team is warned/told": each event of <see cref="CoordinationAlertService"/> (KIP.Domain
/// decides what is an event) reaches every person of the coordination team once, in the app and by e-mail through the
/// outbox; "once" is a row per event under a unique key (<see cref="SentCoordinationAlert"/>). Runs at start-up and every
/// hour on the injected <see cref="TimeProvider"/>, so an item on which every seat was recused is told the same hour.
/// </summary>
public sealed partial class CoordinationAlertJob(
    IDbContextFactory<KipDbContext> dbFactory,
    CoordinationAlertService alerts,
    TimeProvider time,
    IStringLocalizer<Text> text,
    IOptions<KipOptions> kip,
    ILogger<CoordinationAlertJob> logger) : NotificationJob(time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>One pass; answers how many new events it told the team of.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var current = await alerts.CurrentAsync(cancellationToken);
        if (current.Count == 0)
        {
            return 0;
        }

        List<string> told;
        List<Person> team;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var keys = current.Select(a => a.Alert.Key).ToList();
            told = await db.SentCoordinationAlerts.AsNoTracking().Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(cancellationToken);
            team = [.. (await db.Persons.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Where(p => p.Roles.Contains(KipRoles.Coordination))];
        }

        var sent = 0;
        foreach (var alert in current.Where(a => !told.Contains(a.Alert.Key)))
        {
            if (await TellAsync(alert, team, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> TellAsync(CoordinationAlertView alert, List<Person> team, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = Time.GetUtcNow();
        db.SentCoordinationAlerts.Add(new SentCoordinationAlert { Id = Guid.NewGuid(), Key = alert.Alert.Key, Kind = alert.Alert.Kind.ToString(), At = now });
        foreach (var person in team)
        {
            db.Notifications.Add(new Notification
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                TextKey = alert.TextKey,
                OrganisationName = alert.Arguments[2],
                Arguments = alert.Arguments,
                Link = alert.Link,
                CreatedAt = now,
            });
        }

        Queue(db, team, Mail(alert), now);
        if (team.Count == 0)
        {
            LogNoTeam(Logger, alert.Alert.Key);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // The unique key: another pass told it first.
            return false;
        }
    }

    private (string Subject, string Body) Mail(CoordinationAlertView alert) => InDutch(() =>
    {
        var publicUrl = kip.Value.LinkAddress;
        var message = CoordinationAlertText.Format(text, alert.TextKey, alert.Arguments);
        var subject = text["CoordinationAlert.Mail.Subject", text[$"CoordinationAlert.Title.{alert.Alert.Kind}"].Value].Value;
        var body = text["CoordinationAlert.Mail.Body", message, new Uri(publicUrl, alert.Link), new Uri(publicUrl, "/meldingen")].Value;
        return (subject, body);
    });

    protected override TimeSpan UntilNextPass(DateTimeOffset now) => Interval;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Coordination alert {Key}: no person has the coordination role in KIP; it is shown on the dashboard only.")]
    private static partial void LogNoTeam(ILogger logger, string key);
}
