using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Live;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Live;

/// <summary>
/// Rulebook §2: PSO 30+ and B Corp carry the valid-until date of their certificate. A recognition
/// voted on such a criterion is stored with that date; the organisation is on /sroi through that day and not after,
/// and the decision list shows the date. The clock is fake, so "the day after" is a real day after.
/// </summary>
public sealed class ValidUntilDecisionTests : IAsyncLifetime
{
    private static readonly Guid Chair = DemoPersons.Chair;
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly KipAppFactory _app;
    private HttpClient _client = default!;

    public ValidUntilDecisionTests()
    {
        _app = new KipAppFactory(configure: host => host.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_time)));
    }

    private IDbContextFactory<KipDbContext> Db => _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    private ReviewSessionCommands Sessions => _app.Services.GetRequiredService<ReviewSessionCommands>();

    private ReviewSessionQueries Views => _app.Services.GetRequiredService<ReviewSessionQueries>();

    public Task InitializeAsync()
    {
        _client = _app.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>Sets the fake clock to <paramref name="hour"/>:<paramref name="minute"/> on <paramref name="day"/> in Amsterdam.</summary>
    private void SetAmsterdam(DateOnly day, int hour, int minute)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        _time.SetUtcNow(new DateTimeOffset(local, AmsterdamCalendar.Zone.GetUtcOffset(local)));
    }

    /// <summary>Whether the SROI page (rendered on the server for a visitor) lists Taalcafé Velsen.</summary>
    private async Task<bool> OnSroiPageAsync()
    {
        var html = await _client.GetStringAsync(new Uri("/sroi?query=taalcaf%C3%A9", UriKind.Relative));
        return html.Contains(LiveApp.Taalcafe.ToString(), StringComparison.Ordinal);
    }

    private async Task<(Guid Meeting, Guid Item, Guid Application)> PlanAsync(params CriterionCode[] claims)
    {
        await using var db = await Db.CreateDbContextAsync();
        var now = _time.GetUtcNow();
        var application = Application.Create(Guid.NewGuid(), LiveApp.Taalcafe, formVersion: 1, now.AddDays(-30), hasOtherOpenApplication: false);
        application.Claim(claims);
        application.Submit(now.AddDays(-21), organisationIsAdmitted: true, hasOtherOpenApplication: false);
        application.PutOnAgenda(now.AddDays(-7));
        db.Applications.Add(application);
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            Date = AmsterdamCalendar.Today(_time),
            Place = "Stadhuis Velsen",
            ChairPersonId = Chair,
            Status = MeetingStatus.Planned,
        };
        var entry = new AgendaEntry { Id = Guid.NewGuid(), MeetingId = meeting.Id, ApplicationId = application.Id, Position = 1 };
        meeting.Agenda.Add(entry);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return (meeting.Id, entry.Id, application.Id);
    }

    [Theory]
    [InlineData("pso-30-plus")]
    [InlineData("b-corp")]
    public async Task A_recognition_on_a_certificate_holds_through_its_valid_until_day_and_not_the_day_after(string code)
    {
        var criterion = CriterionCode.Parse(code);
        var today = AmsterdamCalendar.Today(_time);
        var lastDay = today.AddDays(40);
        Assert.False(await OnSroiPageAsync());
        var (meeting, item, applicationId) = await PlanAsync(criterion);
        var presence = _app.Services.GetRequiredService<PresenceTracker>();
        foreach (var member in LiveApp.Members)
        {
            await presence.EnterAsync(meeting, member);
        }

        await Sessions.OpenAsync(meeting, Chair);
        var motion = await Sessions.OpenMotionAsync(meeting, item, MotionKind.Recognise, [criterion], Chair);
        foreach (var member in LiveApp.Members.Take(3))
        {
            await Sessions.CastVoteAsync(meeting, motion, VoteChoice.For, member);
        }

        // PSO 30+ and B Corp have no open end: without the certificate's date the vote does not close and nothing is stored.
        var refused = await Assert.ThrowsAsync<DomainException>(() => Sessions.CloseMotionAsync(meeting, motion, "Certificaat.", null, Chair));
        Assert.Equal("recognition.valid-until-required", refused.Code);
        await using (var db = await Db.CreateDbContextAsync())
        {
            Assert.Equal(ApplicationStatus.InReview, (await db.Applications.SingleAsync(a => a.Id == applicationId)).Status);
            Assert.Null((await db.Motions.SingleAsync(m => m.Id == motion)).ClosedAt);
        }

        await Sessions.CloseMotionAsync(meeting, motion, "Geldig certificaat.", new Dictionary<CriterionCode, DateOnly> { [criterion] = lastDay }, Chair);

        await using (var db = await Db.CreateDbContextAsync())
        {
            var decision = await db.Decisions.SingleAsync(d => d.MotionId == motion);
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == LiveApp.Taalcafe);
            var accepted = Assert.Single(organisation.AcceptedCriteria, c => c.DecisionId == decision.Id);
            Assert.Equal((criterion, today, (DateOnly?)lastDay), (accepted.Code, accepted.ValidFrom, accepted.ValidUntil));
            Assert.Equal(ApplicationStatus.Recognised, (await db.Applications.SingleAsync(a => a.Id == applicationId)).Status);
        }

        var list = (await Views.DecisionListAsync(meeting, Chair))!;
        Assert.Equal([new AcceptedView(criterion, lastDay)], Assert.Single(list.Decisions).Accepted);

        Assert.True(await OnSroiPageAsync());
        SetAmsterdam(lastDay, 23, 59);
        Assert.True(await OnSroiPageAsync());
        SetAmsterdam(lastDay.AddDays(1), 0, 0);
        Assert.False(await OnSroiPageAsync());
    }

    [Fact]
    public async Task The_chair_is_offered_the_valid_until_that_KIP_Domain_reads_from_the_submitted_form()
    {
        var today = AmsterdamCalendar.Today(_time);
        var psoUntil = today.AddDays(300);
        var certified = today.AddYears(-1);
        var (meeting, item, applicationId) = await PlanAsync(CriterionCode.Pso30Plus, CriterionCode.BCorp);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var form = new KIP.Web.Eligibility.AssessmentState
            {
                Claimed = ["pso-30-plus", "b-corp"],
                Texts =
                {
                    [KIP.Domain.Eligibility.FactFields.Pso30PlusValidUntil] = psoUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    [KIP.Domain.Eligibility.FactFields.BCorpCertifiedOn] = certified.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            db.ApplicationDrafts.Add(new ApplicationDraft { ApplicationId = applicationId, StateJson = form.ToJson(), SavedAt = _time.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var floor = (await Views.LoadAsync(meeting, Chair))!.Items.Single(i => i.Id == item);

        Assert.Equal(psoUntil, floor.EvidenceValidUntil[CriterionCode.Pso30Plus]);
        Assert.Equal(RecognitionPolicy.BCorpDefaultValidUntil(certified), floor.EvidenceValidUntil[CriterionCode.BCorp]);
    }
}
