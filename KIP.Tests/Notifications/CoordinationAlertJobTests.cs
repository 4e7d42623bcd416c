using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Commission;
using KIP.Web.Data;
using KIP.Web.Live;
using KIP.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Notifications;

/// <summary>
/// Rulebook §5–§6 with a fake clock: the coordination team is told once per event — in the app and by one e-mail per
/// person — of an empty seat, a term ending within 30 days, the business representative's organisation losing its
/// recognition and an item on which every seat was recused; a later pass does not tell it again, a new event is told.
/// </summary>
public sealed class CoordinationAlertJobTests
{
    private static readonly DateOnly Today = new(2026, 12, 10);

    private sealed record Counts(int Events, int Notifications, int Mails);

    private sealed class Scene
    {
        public required NotificationHost Host { get; init; }

        public Guid Catering { get; init; }

        public Guid Pieter { get; init; }

        public Guid Ahmed { get; init; }

        public Guid Eva { get; init; }

        public List<Guid> Members { get; } = [];

        public CoordinationAlertJob Job => Host.Services.GetRequiredService<CoordinationAlertJob>();
    }

    private static async Task<Counts> CountAsync(NotificationHost host)
    {
        await using var db = await host.Db.CreateDbContextAsync();
        return new Counts(await db.SentCoordinationAlerts.CountAsync(), await db.Notifications.CountAsync(), await db.OutboxMessages.CountAsync());
    }

    /// <summary>
    /// Two coordinators and one officer; the business seat held by Pieter of a recognised organisation, SROI IJmond ending
    /// on 31 December (21 days), two seats held for years, Haarlem Werk en Inkomen never held.
    /// </summary>
    private static async Task<Scene> SceneAsync()
    {
        var host = await NotificationHost.StartAsync(Today);
        var catering = await host.OrganisationAsync("Catering Met Kansen", new DateOnly(2026, 1, 5), null, ("Pieter Bakker", "pieter@catering.example"));
        await using var db = await host.Db.CreateDbContextAsync();
        var pieter = await db.OrganisationMembers.Where(m => m.OrganisationId == catering).Select(m => m.PersonId).SingleAsync();
        var ahmed = new Person { Id = Guid.NewGuid(), Name = "Ahmed Yilmaz", Email = "a.yilmaz@haarlem.example", Roles = [KipRoles.Coordination] };
        var eva = new Person { Id = Guid.NewGuid(), Name = "Eva de Boer", Email = "e.deboer@beverwijk.example", Roles = [KipRoles.SroiOfficer, KipRoles.Coordination] };
        var lotte = new Person { Id = Guid.NewGuid(), Name = "Lotte Mulder", Email = "l.mulder@heemskerk.example", Roles = [KipRoles.SroiOfficer] };
        var fatima = new Person { Id = Guid.NewGuid(), Name = "Fatima El Amrani", Email = "f@velsen.example" };
        var joost = new Person { Id = Guid.NewGuid(), Name = "Joost Visser", Email = "j@haarlem.example" };
        var marieke = new Person { Id = Guid.NewGuid(), Name = "Marieke Jansen", Email = "m@haarlem.example" };
        db.Persons.AddRange(ahmed, eva, lotte, fatima, joost, marieke);
        var seats = new SeatRegister();
        db.SeatTerms.AddRange(
            seats.Appoint(Seat.Business, pieter, new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31), catering, organisationRecognised: true),
            seats.Appoint(Seat.SroiIJmond, fatima.Id, new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)),
            seats.Appoint(Seat.SroiZuidKennemerland, joost.Id, new DateOnly(2025, 1, 1), new DateOnly(2028, 12, 31)),
            seats.Appoint(Seat.HaarlemImpact, marieke.Id, new DateOnly(2025, 1, 1), new DateOnly(2028, 12, 31)));
        await db.SaveChangesAsync();
        var scene = new Scene { Host = host, Catering = catering, Pieter = pieter, Ahmed = ahmed.Id, Eva = eva.Id };
        scene.Members.AddRange([pieter, fatima.Id, joost.Id, marieke.Id]);
        return scene;
    }

    /// <summary>A meeting today with one application on the agenda and the given members recused for it.</summary>
    private static async Task<Guid> MeetingWithRecusalsAsync(Scene scene, string applicant, params Guid[] recused)
    {
        var host = scene.Host;
        var organisation = await host.OrganisationAsync(applicant, new DateOnly(2026, 1, 5), null);
        await using var db = await host.Db.CreateDbContextAsync();
        var application = Application.Create(Guid.NewGuid(), organisation, 1, host.Time.GetUtcNow(), hasOtherOpenApplication: false);
        db.Applications.Add(application);
        var meeting = new Meeting { Id = Guid.NewGuid(), Date = host.Today, Place = "Stadhuis Haarlem", ChairPersonId = scene.Members[3], Status = MeetingStatus.Open };
        var entry = new AgendaEntry { Id = Guid.NewGuid(), MeetingId = meeting.Id, ApplicationId = application.Id, Position = 1 };
        meeting.Agenda.Add(entry);
        db.Meetings.Add(meeting);
        foreach (var person in recused)
        {
            db.Set<RecusalRecord>().Add(new RecusalRecord { Id = Guid.NewGuid(), AgendaEntryId = entry.Id, PersonId = person, RecordedBy = person, At = host.Time.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return entry.Id;
    }

    [Fact]
    public async Task Each_event_is_told_once_to_every_coordinator_in_the_app_and_by_email_and_a_new_event_again()
    {
        var scene = await SceneAsync();
        await using var host = scene.Host;

        // Day 1: the empty seat and the term ending on 31 December.
        Assert.Equal(2, await scene.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(2, 4, 4), await CountAsync(host));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            Assert.Equal(
                ["seat-empty:haarlem-werk-inkomen:never", $"term-ends:{(await db.SeatTerms.SingleAsync(t => t.PersonId == scene.Members[1])).Id}:2026-12-31"],
                await db.SentCoordinationAlerts.OrderBy(a => a.Kind).Select(a => a.Key).ToListAsync());
            var notifications = await db.Notifications.ToListAsync();
            Assert.Equal(new[] { scene.Ahmed, scene.Eva }.Order(), notifications.Select(n => n.PersonId).Distinct().Order());
            Assert.All(notifications, n => Assert.Equal("/coordinatie/zetels", n.Link));
            var ending = notifications.First(n => n.TextKey == "CoordinationAlert.TermEndsSoon");
            Assert.Equal(["sroi-ijmond", "Fatima El Amrani", string.Empty, "2026-12-31"], ending.Arguments);

            var mails = await db.OutboxMessages.OrderBy(m => m.Subject).ThenBy(m => m.To).ToListAsync();
            Assert.Equal(
                ["a.yilmaz@haarlem.example", "e.deboer@beverwijk.example"],
                mails.Take(2).Select(m => MimeKit.MailboxAddress.Parse(m.To).Address).Order());
            var empty = mails.First(m => m.Subject.Contains("onbezet", StringComparison.Ordinal));
            Assert.Equal("KIP-signalering voor het coördinatieteam: een zetel is onbezet", empty.Subject);
            Assert.Contains("De zetel Haarlem Werk en Inkomen is onbezet: benoem een lid.", empty.TextBody, StringComparison.Ordinal);
            Assert.Contains("https://kip.example.nl/coordinatie/zetels", empty.TextBody, StringComparison.Ordinal);
            var term = mails.First(m => m.Subject.Contains("termijn", StringComparison.Ordinal));
            Assert.Contains("De termijn van Fatima El Amrani op de zetel SROI IJmond eindigt op 31 december 2026", term.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(mails, m => m.To.Contains("l.mulder", StringComparison.Ordinal));
        }

        // The same day again, and the next day: nothing new, nothing told twice.
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        host.GoTo(Today.AddDays(1));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(2, 4, 4), await CountAsync(host));

        // The business representative's organisation loses its recognition: a new event, told once.
        await host.ChangeAsync(scene.Catering, o => o.RevokeAll(host.Today, "Lidmaatschap Social Enterprise NL beëindigd."));
        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        Assert.Equal(new Counts(3, 6, 6), await CountAsync(host));
        await using (var db = await host.Db.CreateDbContextAsync())
        {
            var mail = await db.OutboxMessages.FirstAsync(m => m.Subject.Contains("niet meer erkend"));
            Assert.Contains("De organisatie Catering Met Kansen van Pieter Bakker, lid op de zetel Bedrijfsleven, is niet meer erkend.", mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_item_on_which_every_seat_is_recused_is_told_once_but_not_when_one_seat_remains()
    {
        var scene = await SceneAsync();
        await using var host = scene.Host;
        Assert.Equal(2, await scene.Job.RunOnceAsync(default)); // the seat events of the scene

        // Three of the four occupied seats recused: a quorum can still be formed, nothing to tell.
        await MeetingWithRecusalsAsync(scene, "Groen Doen", [.. scene.Members.Take(3)]);
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));

        // All four (the fifth seat is empty) recused on another application: §6, the team is told.
        var item = await MeetingWithRecusalsAsync(scene, "De Fietsenmakerij Haarlem", [.. scene.Members]);
        Assert.Equal(1, await scene.Job.RunOnceAsync(default));
        Assert.Equal(0, await scene.Job.RunOnceAsync(default));
        await using var db = await host.Db.CreateDbContextAsync();
        Assert.True(await db.SentCoordinationAlerts.AnyAsync(a => a.Key == $"all-recused:{item}"));
        var notification = await db.Notifications.SingleAsync(n => n.PersonId == scene.Ahmed && n.TextKey == "CoordinationAlert.AllSeatsRecused");
        Assert.Equal("De Fietsenmakerij Haarlem", notification.Arguments[2]);
        Assert.StartsWith("/coordinatie/vergaderingen/", notification.Link, StringComparison.Ordinal);
        var mail = await db.OutboxMessages.FirstAsync(m => m.Subject.Contains("alle zetels teruggetrokken"));
        Assert.Contains("In de vergadering van 10 december 2026 hebben alle zetels zich teruggetrokken voor de aanvraag van De Fietsenmakerij Haarlem", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_passes_at_once_tell_an_event_once()
    {
        var scene = await SceneAsync();
        await using var host = scene.Host;

        var passes = await Task.WhenAll(scene.Job.RunOnceAsync(default), scene.Job.RunOnceAsync(default));

        Assert.Equal(2, passes.Sum());
        Assert.Equal(new Counts(2, 4, 4), await CountAsync(host));
    }
}
