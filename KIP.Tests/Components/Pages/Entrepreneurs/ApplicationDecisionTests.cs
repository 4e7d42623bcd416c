using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Domain.Voting;
using KIP.Tests.Infrastructure;
using KIP.Tests.Live;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using KIP.Web.Live;
using KIP.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>
/// The paths after submission, against the real app and database: the commission asks a question, the
/// applicant answers on "my applications" (which resubmits, rulebook §4), the decision is shown with its motivation,
/// accepted criteria and valid-until, and an organisation that is already recognised adds one criterion and renews
/// another through the same form (rulebook §2).
/// </summary>
public sealed class ApplicationDecisionTests : BunitContext, IAsyncLifetime
{
    private static readonly Guid Organisation = DemoPersons.SchoonEnSociaalId;
    private static readonly Guid[] Members =
    [
        DemoPersons.Chair, DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember,
        DemoPersons.SroiZuidKennemerlandMember, DemoPersons.WerkInkomenMember,
    ];

    private const string Question = "Kunt u het nieuwe PSO 30+-certificaat meesturen?";
    private const string Answer = "Het nieuwe certificaat is toegevoegd; het loopt twee jaar.";
    private const string Motivation = "Het nieuwe PSO 30+-certificaat en de B Corp-certificering zijn aangetoond.";

    private readonly KipAppFactory _app = new();
    private readonly List<IAsyncDisposable> _screens = [];
    private bool _provider;

    public ApplicationDecisionTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddSingleton(_ => _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>());
        Services.AddSingleton(_ => _app.Services.GetRequiredService<EvidenceStore>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ApplicationService>();
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    public Task InitializeAsync()
    {
        _app.StartServer();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var screen in _screens)
        {
            await screen.DisposeAsync();
        }

        await DisposeAsync();
        await _app.DisposeAsync();
    }

    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    private static ClaimsPrincipal Mehmet() => As(DemoPersons.OtherEntrepreneur, Organisation);

    private static ClaimsPrincipal As(Guid person, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test"), new(KipClaims.Role, KipRoles.Entrepreneur) };
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", KipClaims.Name, KipClaims.Role));
    }

    private ApplicationService Applications => _app.Services.CreateScope().ServiceProvider.GetRequiredService<ApplicationService>();

    private ReviewSessionCommands Sessions => _app.Services.GetRequiredService<ReviewSessionCommands>();

    private async Task<KipDbContext> DbAsync() => await _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();

    /// <summary>A meeting today with the application on its agenda (Submitted → InReview), opened with all five members present.</summary>
    private async Task<(Guid Meeting, Guid Item)> OpenSessionWithAsync(Guid applicationId)
    {
        var meeting = new Meeting
        {
            Id = Guid.NewGuid(),
            Date = Today,
            Place = "Stadhuis Velsen",
            ChairPersonId = DemoPersons.Chair,
            Status = MeetingStatus.Planned,
        };
        var item = new AgendaEntry { Id = Guid.NewGuid(), MeetingId = meeting.Id, ApplicationId = applicationId, Position = 1 };
        meeting.Agenda.Add(item);
        await using (var db = await DbAsync())
        {
            (await db.Applications.SingleAsync(a => a.Id == applicationId)).PutOnAgenda(DateTimeOffset.UtcNow);
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
        }

        var presence = _app.Services.GetRequiredService<PresenceTracker>();
        foreach (var member in Members)
        {
            _screens.Add(await presence.EnterAsync(meeting.Id, member));
        }

        await Sessions.OpenAsync(meeting.Id, DemoPersons.Chair).DoneAsync();
        return (meeting.Id, item.Id);
    }

    private async Task<Application> StoredAsync(Guid applicationId)
    {
        await using var db = await DbAsync();
        return await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId);
    }

    private IRenderedComponent<KIP.Web.Components.Pages.Entrepreneurs.MyApplications> RenderMyApplications()
    {
        if (!_provider)
        {
            var auth = AddAuthorization();
            auth.SetAuthorized("Mehmet Kaya");
            auth.SetClaims([.. Mehmet().Claims]);
            Render<MudPopoverProvider>();
            _provider = true;
        }

        return Render<KIP.Web.Components.Pages.Entrepreneurs.MyApplications>(p => p.Add(c => c.Id, Organisation));
    }

    [Fact]
    public async Task A_recognised_organisation_renews_and_adds_a_criterion_answers_a_question_and_sees_the_decision()
    {
        var applications = Applications;
        var mehmet = Mehmet();
        var oldPsoUntil = Today.AddDays(400);
        var newPsoUntil = Today.AddYears(2).AddDays(-1);
        var bCorpUntil = Today.AddYears(1);
        await using (var db = await DbAsync())
        {
            var before = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Organisation);
            var valid = Assert.Single(before.ValidCriteriaOn(Today));
            Assert.Equal((CriterionCode.Pso30Plus, oldPsoUntil), (valid.Code, valid.ValidUntil));
        }

        // Already recognised, it applies again through the same form: a new PSO 30+ certificate and a B Corp certification.
        Assert.True(await applications.MayStartAsync(mehmet, Organisation));
        var draft = await applications.OpenDraftAsync(mehmet, Organisation, start: true);
        Assert.NotNull(draft);
        var state = new AssessmentState { Claimed = [CriterionCode.Pso30Plus.Value, CriterionCode.BCorp.Value], Step = 2 };
        state.Texts[FactFields.Pso30PlusValidUntil] = newPsoUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        state.Texts[FactFields.BCorpCertifiedOn] = Today.AddYears(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        state.Texts[FactFields.BCorpValidUntil] = bCorpUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (result, errors) = state.Evaluate(draft.Facts, Today, null);
        Assert.Empty(errors);
        Assert.All(result!.Criteria.Where(c => c.Code == CriterionCode.Pso30Plus || c.Code == CriterionCode.BCorp), c => Assert.True(c.Met));
        await applications.SubmitAsync(mehmet, draft.Application.Id, state);
        var id = draft.Application.Id;

        // The commission asks a question in its session.
        var (firstMeeting, firstItem) = await OpenSessionWithAsync(id);
        await Sessions.RequestMoreInformationAsync(firstMeeting, firstItem, Question, DemoPersons.Chair).DoneAsync();
        Assert.Equal(ApplicationStatus.MoreInformationRequested, (await StoredAsync(id)).Status);

        // The answer form on "my applications": the question is shown, an empty answer is refused with a message, an answer resubmits.
        var page = RenderMyApplications();
        page.WaitForAssertion(() => Assert.Equal("Aanvullende informatie gevraagd", page.Find("[data-testid=application-status]").TextContent));
        Assert.Contains(Question, page.Markup, StringComparison.Ordinal);
        var staleTab = RenderMyApplications();
        staleTab.WaitForAssertion(() => Assert.NotEmpty(staleTab.FindAll("textarea[data-testid=answer]")));
        page.Find("[data-testid=resubmit]").Click();
        page.WaitForAssertion(() => Assert.Contains("Vul een antwoord in voordat u opnieuw indient.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(ApplicationStatus.MoreInformationRequested, (await StoredAsync(id)).Status);
        page.Find("textarea[data-testid=answer]").Change(Answer);
        page.Find("[data-testid=resubmit]").Click();
        page.WaitForAssertion(() => Assert.Equal("Ingediend", page.Find("[data-testid=application-status]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=answer]"));
        Assert.Contains(Answer, page.Markup, StringComparison.Ordinal);

        // A second tab still showing the question: its answer is not sent twice, it says so and shows the current state.
        staleTab.Find("textarea[data-testid=answer]").Change("Nog een antwoord uit een ander tabblad.");
        staleTab.Find("[data-testid=resubmit]").Click();
        staleTab.WaitForAssertion(() => Assert.Contains("Uw antwoord is niet verstuurd", staleTab.Find("[data-testid=answer-not-sent]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Ingediend", staleTab.Find("[data-testid=application-status]").TextContent);

        // §4 timeline: back to Submitted, with the question and the answer recorded; nobody else may answer, and only once.
        var resubmitted = await StoredAsync(id);
        Assert.Equal(
            [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview, ApplicationStatus.MoreInformationRequested, ApplicationStatus.Submitted],
            resubmitted.Timeline.Select(e => e.Status));
        Assert.Equal(Question, resubmitted.Timeline[3].Note);
        Assert.Equal(Answer, resubmitted.Timeline[4].Note);
        Assert.Equal(ActionResult.NotAllowed, await applications.AnswerAsync(As(DemoPersons.Entrepreneur, DemoPersons.FietsenmakerijId), id, "Ik ook"));
        Assert.StartsWith("DomainError.", (await applications.AnswerAsync(mehmet, id, "Nog een keer")).ErrorKey, StringComparison.Ordinal);

        // The next session recognises both criteria; the PSO 30+ criterion takes its new valid-until.
        var (secondMeeting, secondItem) = await OpenSessionWithAsync(id);
        var motion = await Sessions.OpenMotionAsync(secondMeeting, secondItem, MotionKind.Recognise, [CriterionCode.Pso30Plus, CriterionCode.BCorp], DemoPersons.Chair).ValueAsync();
        foreach (var member in Members)
        {
            await Sessions.CastVoteAsync(secondMeeting, motion, VoteChoice.For, member).DoneAsync();
        }

        await Sessions.CloseMotionAsync(
            secondMeeting,
            motion,
            Motivation,
            new Dictionary<CriterionCode, DateOnly> { [CriterionCode.Pso30Plus] = newPsoUntil, [CriterionCode.BCorp] = bCorpUntil },
            DemoPersons.Chair).DoneAsync();

        var decided = await StoredAsync(id);
        Assert.Equal(ApplicationStatus.Recognised, decided.Status);
        Assert.Equal(Motivation, decided.Motivation);
        Assert.Equal([CriterionCode.Pso30Plus, CriterionCode.BCorp], decided.AcceptedCriteria);
        await using (var db = await DbAsync())
        {
            var after = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == Organisation);
            var valid = after.ValidCriteriaOn(Today).OrderBy(c => c.Code.Order).ToList();
            Assert.Equal(new (CriterionCode, DateOnly?)[] { (CriterionCode.Pso30Plus, newPsoUntil), (CriterionCode.BCorp, bCorpUntil) }, valid.Select(c => (c.Code, c.ValidUntil)));
            Assert.Equal(newPsoUntil, after.ValidUntilOn(Today));
        }

        // The SROI page's data (the public API it shares its search with): both criteria, the new valid-until.
        using (var anonymous = new HttpClient { BaseAddress = new Uri(_app.BaseUrl) })
        {
            var supplier = await anonymous.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/suppliers/{Organisation}", UriKind.Relative));
            Assert.True(supplier.GetProperty("recognised").GetBoolean());
            Assert.Equal(newPsoUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), supplier.GetProperty("recognisedUntil").GetString());
            Assert.Equal(["b-corp", "pso-30-plus"], supplier.GetProperty("recognisedCriteria").EnumerateArray().Select(c => c.GetString()).Order(StringComparer.Ordinal));
        }

        // The applicant sees the decision: motivation, accepted criteria, valid-until.
        var shown = RenderMyApplications();
        shown.WaitForAssertion(() => Assert.Equal("Erkend", shown.Find("[data-testid=application-status]").TextContent));
        var decision = shown.Find("[data-testid=decision]").TextContent;
        Assert.Contains("Motivering: " + Motivation, decision, StringComparison.Ordinal);
        Assert.Contains($"Geaccepteerde criteria: {EligibilityTexts.Title(CriterionCode.Pso30Plus)}, {EligibilityTexts.Title(CriterionCode.BCorp)}", decision, StringComparison.Ordinal);
        Assert.Contains($"Geldig tot en met {DutchDates.Format(newPsoUntil)}.", decision, StringComparison.Ordinal);

        // And it may apply again (to add or renew), through the same form.
        Assert.NotEmpty(shown.FindAll("[data-testid=apply]"));
        Assert.True(await applications.MayStartAsync(mehmet, Organisation));
    }
}
