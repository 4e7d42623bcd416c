using System.Net;
using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Domain.Organisations;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Components.Pages.Entrepreneurs;

/// <summary>
/// Register → admission → draft → evidence → submit → withdraw against the real app and database, with every
/// service method refusing those it is not for, and the evidence endpoint readable only by the right people.
/// </summary>
public sealed class EntrepreneurFlowTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8.ToArray(), .. new byte[64]];

    private T Service<T>()
        where T : notnull => fixture.App.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static ClaimsPrincipal As(Guid person, string[] roles, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test") };
        claims.AddRange(roles.Select(r => new Claim(KipClaims.Role, r)));
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", KipClaims.Name, KipClaims.Role));
    }

    private static RegistrationForm Form(string kvk) => new()
    {
        Kvk = kvk,
        Name = "Groen met Kansen",
        LegalForm = "eenmanszaak",
        FoundedOn = "2019-03-01",
        Employees = "0",
        EstablishedIn = "velsen",
        ContactName = "Lotte",
        Categories = ["groenvoorziening"],
    };

    [Fact]
    public async Task A_new_organisation_goes_from_registration_to_a_submitted_application()
    {
        var organisations = Service<OrganisationService>();
        var admissions = Service<AdmissionService>();
        var applications = Service<ApplicationService>();
        var coordinator = As(DemoPersons.Coordinator, [KipRoles.Coordination]);

        // Registering makes the person a member (and so, through the claims transformation, its entrepreneur).
        var registered = await organisations.RegisterAsync(As(DemoPersons.SroiOfficer, []), Form("87654321"));
        Assert.Empty(registered.FieldErrors);
        var id = registered.Value;
        var owner = As(DemoPersons.SroiOfficer, [KipRoles.Entrepreneur], id);
        await using (var db = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.PersonId == DemoPersons.SroiOfficer));
            Assert.Equal("Lotte", (await db.Profiles.SingleAsync(p => p.OrganisationId == id)).ContactName);
        }

        // Not admitted yet: no form. Another entrepreneur cannot ask admission for it; the owner can.
        Assert.Null(await applications.OpenDraftAsync(owner, id, start: true));
        Assert.Equal(ActionResult.NotAllowed, await admissions.RequestAdmissionAsync(As(DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], DemoPersons.SchoonEnSociaalId), id, "Groen werk"));
        await admissions.RequestAdmissionAsync(owner, id, "Groen werk voor mensen met afstand tot de arbeidsmarkt.");
        Assert.Equal(ActionResult.NotAllowed, await admissions.DecideAdmissionAsync(owner, id, admit: true, null));
        await admissions.DecideAdmissionAsync(coordinator, id, admit: true, null);

        // The draft is started on the published form version and keeps half-typed values.
        var context = await applications.OpenDraftAsync(owner, id, start: true);
        Assert.NotNull(context);
        Assert.Equal(1, context.Application.FormVersion);
        Assert.Equal("Aanvraag erkenning sociaal ondernemer", context.Texts.Title);
        var state = new AssessmentState { Claimed = [CriterionCode.StartupZzp.Value, CriterionCode.Pso30Plus.Value], Step = 1 };
        state.Texts[FactFields.SocialMission] = "Wij maken tuinen groen met mensen die lang zonder werk waren, en leiden hen op.";
        state.Texts[FactFields.Pso30PlusValidUntil] = "2027-1";
        await applications.SaveDraftAsync(owner, context.Application.Id, state);
        Assert.Equal(ActionResult.NotAllowed, await applications.SaveDraftAsync(As(DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], DemoPersons.SchoonEnSociaalId), context.Application.Id, new AssessmentState()));

        var reopened = await applications.OpenDraftAsync(owner, id, start: false);
        Assert.Equal(context.Application.Id, reopened!.Application.Id);
        Assert.Equal("2027-1", reopened.State.Text(FactFields.Pso30PlusValidUntil));
        Assert.Equal(1, reopened.State.Step);
        Assert.True(reopened.State.Evaluate(reopened.Facts, AmsterdamCalendar.Today(TimeProvider.System), null).Result is null);

        // Evidence, then submit.
        var upload = await Service<EvidenceService>().UploadAsync(owner, context.Application.Id, CriterionCode.StartupZzp, "C:\\tmp\\missie.pdf", new MemoryStream(Pdf));
        Assert.True(upload.Succeeded);
        var document = upload.Value;
        Assert.Equal("missie.pdf", document!.FileName);
        state.Claimed.Remove(CriterionCode.Pso30Plus.Value);
        await applications.SubmitAsync(owner, context.Application.Id, state);
        var submitted = Assert.Single(await applications.ApplicationsOfAsync(owner, id));
        Assert.Equal(ApplicationStatus.Submitted, submitted.Status);
        Assert.Equal([CriterionCode.StartupZzp], submitted.ClaimedCriteria);
        Assert.NotNull(submitted.FirstSubmittedOn);
        Assert.Null(await applications.OpenDraftAsync(owner, id, start: true));
        Assert.StartsWith("DomainError.", (await applications.SaveDraftAsync(owner, context.Application.Id, state)).ErrorKey, StringComparison.Ordinal);

        // The evidence endpoint: the applicant and the commission read it as an attachment; another entrepreneur does not.
        using (var lotte = new KipSession(fixture.App.BaseUrl))
        using (var mehmet = new KipSession(fixture.App.BaseUrl))
        using (var chair = new KipSession(fixture.App.BaseUrl))
        using (var anonymous = new KipSession(fixture.App.BaseUrl))
        {
            await lotte.SignInAsDemoAsync(DemoPersons.SroiOfficer);
            await mehmet.SignInAsDemoAsync(DemoPersons.OtherEntrepreneur);
            await chair.SignInAsDemoAsync(DemoPersons.Chair);
            var url = EvidenceEndpoints.UrlFor(document.Id);

            using var own = await lotte.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("missie.pdf", own.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());

            using var commission = await chair.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, commission.StatusCode);
            using var other = await mehmet.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            using var nobody = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, nobody.StatusCode);
            Assert.Contains(AccessSetup.LoginPath, nobody.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        // Withdraw, then apply again.
        await applications.WithdrawAsync(owner, context.Application.Id);
        Assert.True(await applications.MayStartAsync(owner, id));
    }

    [Fact]
    public async Task A_KvK_number_already_registered_gets_an_access_request_never_a_second_copy()
    {
        var organisations = Service<OrganisationService>();
        var admissions = Service<AdmissionService>();
        var mehmet = As(DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], DemoPersons.SchoonEnSociaalId);
        string kvk;
        await using (var db = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync())
        {
            kvk = (await db.Organisations.SingleAsync(o => o.Id == DemoPersons.FietsenmakerijId)).KvkNumber.Value;
        }

        var result = await organisations.RegisterAsync(mehmet, Form(kvk));
        Assert.Equal("Register.Error.KvkTaken", result.FieldErrors[nameof(RegistrationForm.Kvk)]);
        Assert.Equal(DemoPersons.FietsenmakerijId, await organisations.RegisteredUnderAsync(kvk));
        Assert.False(result.Succeeded);

        await admissions.RequestAccessAsync(mehmet, DemoPersons.FietsenmakerijId);
        await admissions.RequestAccessAsync(mehmet, DemoPersons.FietsenmakerijId);
        var request = Assert.Single(await admissions.MyAccessRequestsAsync(mehmet));
        Assert.Equal(AccessRequestStatus.Open, request.Status);

        Assert.Equal(ActionResult.NotAllowed, await admissions.DecideAccessAsync(mehmet, request.Id, grant: true, null));
        var coordinator = As(DemoPersons.Coordinator, [KipRoles.Coordination]);
        Assert.StartsWith("DomainError.", (await admissions.DecideAccessAsync(coordinator, request.Id, grant: false, " ")).ErrorKey, StringComparison.Ordinal);
        await admissions.DecideAccessAsync(coordinator, request.Id, grant: true, null);

        await using var check = await Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        Assert.True(await check.OrganisationMembers.AnyAsync(m => m.OrganisationId == DemoPersons.FietsenmakerijId && m.PersonId == DemoPersons.OtherEntrepreneur));
        Assert.Equal(1, await check.Organisations.CountAsync(o => o.KvkNumber == KvkNumber.Parse(kvk)));
    }
}
