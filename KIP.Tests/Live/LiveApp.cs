using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Live;

/// <summary>KIP.Web on Kestrel with its own database for the live session tests; each test plans its own meetings.</summary>
public class LiveApp : IAsyncLifetime
{
    public LiveApp()
        : this(null)
    {
    }

    /// <param name="settings">The app's settings, e.g. another database (<see cref="PostgresLiveApp"/>).</param>
    protected LiveApp(IDictionary<string, string?>? settings) => App = new KipAppFactory(settings);

    public static readonly Guid[] Members =
    [
        DemoPersons.Chair, DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember,
        DemoPersons.SroiZuidKennemerlandMember, DemoPersons.WerkInkomenMember,
    ];

    /// <summary>Taalcafé Velsen (demo data): admitted, claims non-profit (open-ended).</summary>
    public static readonly Guid Taalcafe = new("7a1c0000-0000-4000-8000-000000000020");

    public KipAppFactory App { get; }

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public ReviewSessionCommands Sessions => App.Services.GetRequiredService<ReviewSessionCommands>();

    public ReviewSessionQueries Views => App.Services.GetRequiredService<ReviewSessionQueries>();

    public PresenceTracker Presence => App.Services.GetRequiredService<PresenceTracker>();

    public ISessionNotifier Notifier => App.Services.GetRequiredService<ISessionNotifier>();

    public Task InitializeAsync()
    {
        App.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    /// <summary>A planned meeting today, chaired by the demo chair, with one application per claim on its agenda.</summary>
    public static async Task<(Guid Meeting, Guid[] Items, Guid[] Applications)> PlanMeetingAsync(
        IDbContextFactory<KipDbContext> factory, Guid organisationId, params string[] claims)
    {
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            Date = AmsterdamCalendar.Today(TimeProvider.System),
            Place = "Stadhuis Haarlem",
            ChairPersonId = DemoPersons.Chair,
            Status = MeetingStatus.Planned,
        };
        var applications = new List<Guid>();
        var position = 0;
        foreach (var claim in claims)
        {
            var application = Application.Create(Guid.NewGuid(), organisationId, formVersion: 1, now.AddDays(-30), hasOtherOpenApplication: false);
            application.Claim([CriterionCode.Parse(claim)]);
            application.Submit(now.AddDays(-21), organisationIsAdmitted: true, hasOtherOpenApplication: false);
            application.PutOnAgenda(now.AddDays(-7));
            db.Applications.Add(application);
            applications.Add(application.Id);
            meeting.Agenda.Add(new AgendaEntry { Id = Guid.NewGuid(), MeetingId = meeting.Id, ApplicationId = application.Id, Position = ++position });
        }

        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return (meeting.Id, [.. meeting.Agenda.Select(a => a.Id)], [.. applications]);
    }

    /// <summary>Everyone in <paramref name="people"/> opens the session page (presence as a circuit would give it).</summary>
    public async Task<IAsyncDisposable[]> EnterAsync(Guid meetingId, params Guid[] people)
    {
        var screens = new List<IAsyncDisposable>();
        foreach (var person in people)
        {
            screens.Add(await Presence.EnterAsync(meetingId, person));
        }

        return [.. screens];
    }
}

/// <summary>The live session app on its own database of the run's scratch PostgreSQL (<see cref="PostgresServer"/>).</summary>
public sealed class PostgresLiveApp() : LiveApp(PostgresServer.AppSettings("live"));

[CollectionDefinition(Name)]
public sealed class LiveCollection : ICollectionFixture<LiveApp>
{
    public const string Name = "live";
}
