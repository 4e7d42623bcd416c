using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Eligibility;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Commission;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KIP.Tests.Commission;

/// <summary>
/// The commission reads each application with its form, its evidence documents and the
/// domain's check per criterion — the check over the submitted form, as the applicant saw it.
/// </summary>
public static class SubmittedApplications
{
    /// <summary>Stores an admitted organisation with a submitted application claiming PSO 30+ (valid until <paramref name="psoValidUntil"/>), its form and one evidence document.</summary>
    public static async Task<(Guid OrganisationId, Guid ApplicationId, Guid DocumentId)> AddAsync(
        IServiceProvider services, string kvk, string name, string? psoValidUntil, bool withForm = true)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow();
        var organisation = Organisation.Register(Guid.NewGuid(), KvkNumber.Parse(kvk), name, LegalForm.Bv, Municipality.Velsen, [Municipality.Velsen]);
        organisation.RequestAdmission("Mensen met een afstand tot de arbeidsmarkt een vaste baan geven.");
        organisation.Admit(AmsterdamCalendar.Today(time).AddDays(-60));
        var application = Application.Create(Guid.NewGuid(), organisation.Id, formVersion: 1, now.AddDays(-10), hasOtherOpenApplication: false);
        application.Claim([CriterionCode.Pso30Plus]);
        application.Submit(now.AddDays(-9), organisationIsAdmitted: true, hasOtherOpenApplication: false);
        var form = new AssessmentState { Claimed = [CriterionCode.Pso30Plus.Value], Texts = { [FactFields.Pso30PlusValidUntil] = psoValidUntil } };
        var document = new EvidenceDocument
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            OrganisationId = organisation.Id,
            Criterion = CriterionCode.Pso30Plus.Value,
            FileName = "pso-certificaat.pdf",
            StoredName = "niet-aanwezig.pdf",
            ContentType = "application/pdf",
            Size = 1234,
            UploadedAt = now.AddDays(-9),
        };

        await using var db = await services.GetRequiredService<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        db.Organisations.Add(organisation);
        db.Applications.Add(application);
        if (withForm)
        {
            db.ApplicationDrafts.Add(new ApplicationDraft { ApplicationId = application.Id, StateJson = form.ToJson(), SavedAt = now.AddDays(-9) });
            db.EvidenceDocuments.Add(document);
        }

        await db.SaveChangesAsync();
        return (organisation.Id, application.Id, document.Id);
    }
}

public sealed class SubmittedFormReviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> WithAsync<T>(Func<ReviewPreparationService, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<ReviewPreparationService>());
    }

    private DateOnly Today => AmsterdamCalendar.Today(app.App.Services.GetRequiredService<TimeProvider>());

    [Fact]
    public async Task The_check_of_a_certificate_claim_reads_the_submitted_form_and_the_detail_carries_the_form_and_its_documents()
    {
        var validUntil = Today.AddDays(200);
        var (organisationId, applicationId, documentId) = await SubmittedApplications.AddAsync(
            app.App.Services, "71000001", "Schoonmaakbedrijf Het Duin", validUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var summary = (await WithAsync(s => s.AwaitingAsync(DemoPersons.Chair))).Single(a => a.OrganisationId == organisationId);
        var detail = await WithAsync(s => s.DetailAsync(applicationId, DemoPersons.Chair));

        var check = Assert.Single(summary.Checks);
        Assert.Equal(CriterionCode.Pso30Plus, check.Code);
        Assert.True(check.Met, check.Reason.ToString());
        Assert.Equal(validUntil, check.ValidUntil);
        Assert.Equal(validUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), detail!.Form!.Text(FactFields.Pso30PlusValidUntil));
        Assert.Equal(documentId, Assert.Single(detail.Documents).Id);
    }

    [Fact]
    public async Task An_expired_certificate_in_the_form_is_not_met_and_an_application_without_a_form_is_checked_on_stored_facts()
    {
        var expired = Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (expiredOrganisation, _, _) = await SubmittedApplications.AddAsync(app.App.Services, "71000002", "Groenbedrijf De Linde", expired);
        var (importedOrganisation, importedApplication, _) = await SubmittedApplications.AddAsync(app.App.Services, "71000003", "Drukkerij Kennemer", psoValidUntil: null, withForm: false);

        var awaiting = await WithAsync(s => s.AwaitingAsync(DemoPersons.Chair));
        var detail = await WithAsync(s => s.DetailAsync(importedApplication, DemoPersons.Chair));

        var expiredCheck = Assert.Single(awaiting.Single(a => a.OrganisationId == expiredOrganisation).Checks);
        Assert.False(expiredCheck.Met);
        Assert.Equal(OutcomeReason.PsoExpired, expiredCheck.Reason);
        var importedCheck = Assert.Single(awaiting.Single(a => a.OrganisationId == importedOrganisation).Checks);
        Assert.False(importedCheck.Met);
        Assert.Equal(OutcomeReason.PsoMissing, importedCheck.Reason);
        Assert.Null(detail!.Form);
        Assert.Empty(detail.Documents);
    }
}

/// <summary>The review page as a commission member reads it: the submitted form, the evidence link and the check; axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SubmittedFormReviewPageTests(BrowserFixture browser)
{
    private static string Dutch(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));

    [Fact]
    public async Task A_member_reads_the_submitted_form_with_its_evidence_and_the_check_that_says_met()
    {
        var today = AmsterdamCalendar.Today(browser.App.Services.GetRequiredService<TimeProvider>());
        var validUntil = today.AddDays(120);
        var (_, applicationId, documentId) = await SubmittedApplications.AddAsync(
            browser.App.Services, "71000011", "Fietskoeriers Spaarne", validUntil.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var path = ApplicationReviewPage.UrlFor(applicationId);
        var page = await browser.SignInAsync(DemoPersons.Chair, path);
        await using var context = page.Context;

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Fietskoeriers Spaarne");
        await Assertions.Expect(page.GetByTestId("criterion-check")).ToContainTextAsync(Dutch(validUntil));
        await Assertions.Expect(page.GetByTestId($"submitted-field-{FactFields.Pso30PlusValidUntil}")).ToHaveTextAsync(Dutch(validUntil));
        var link = page.GetByTestId("review-document").GetByRole(AriaRole.Link);
        await Assertions.Expect(link).ToHaveTextAsync("pso-certificaat.pdf");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", EvidenceEndpoints.UrlFor(documentId));
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
