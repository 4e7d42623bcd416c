using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Tests.Coordination;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using KIP.Web.Sroi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Sroi;

/// <summary>Rulebook §7 through the services: who sees which contract, invoices counted once, decisions taken once.</summary>
public sealed class SroiServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    private static ClaimsPrincipal Partner(Guid person, string kvk) =>
        new(new ClaimsIdentity(
            [new Claim(KipClaims.PersonId, person.ToString()), new Claim(KipClaims.Role, KipRoles.ContractPartner), new Claim(SroiPartnerAccess.ClaimType, kvk)],
            "test", KipClaims.Name, KipClaims.Role));

    private static ClaimsPrincipal Bas => Partner(DemoPersons.ContractPartner, DemoPersons.DuinzichtKvk);

    private static ClaimsPrincipal Linda => Partner(DemoPersons.OtherContractPartner, DemoPersons.SpaarnestadKvk);

    private static ClaimsPrincipal SecondOfficer => TestUsers.With(DemoPersons.OfficerAndCoordinator, KipRoles.SroiOfficer, KipRoles.Coordination);

    private static T Service<T>(IServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    [Fact]
    public async Task A_contract_partner_sees_only_their_own_contracts_and_an_entrepreneur_none()
    {
        using var scope = app.App.Services.CreateScope();
        var contracts = Service<SroiContractService>(scope);

        var bas = await contracts.ListAsync(Bas);
        var linda = await contracts.ListAsync(Linda);
        var sanne = await contracts.ListAsync(TestUsers.Entrepreneur);
        var officer = await contracts.ListAsync(TestUsers.Officer);

        Assert.NotEmpty(bas);
        Assert.All(bas, s => Assert.Equal(DemoPersons.DuinzichtKvk, s.Contract.PartnerKvk));
        Assert.All(linda, s => Assert.Equal(DemoPersons.SpaarnestadKvk, s.Contract.PartnerKvk));
        Assert.Empty(sanne);
        Assert.Equal(bas.Count + linda.Count, officer.Count(s => s.Contract.PartnerKvk is DemoPersons.DuinzichtKvk or DemoPersons.SpaarnestadKvk));

        // By id too: another partner's contract answers as if it did not exist.
        Assert.NotNull(await contracts.FindAsync(Bas, SroiDemoData.DuinzichtBloemendaalContract));
        Assert.Null(await contracts.FindAsync(Linda, SroiDemoData.DuinzichtBloemendaalContract));
        Assert.Null(await contracts.FindAsync(TestUsers.Entrepreneur, SroiDemoData.DuinzichtBloemendaalContract));

        // A KvK claim without the role opens nothing.
        var claimOnly = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KipClaims.PersonId, Guid.NewGuid().ToString()), new Claim(SroiPartnerAccess.ClaimType, DemoPersons.DuinzichtKvk)], "test", KipClaims.Name, KipClaims.Role));
        Assert.Empty(await contracts.ListAsync(claimOnly));
    }

    [Fact]
    public async Task Only_the_contracts_own_partner_records_a_purchase_on_it()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiInvoiceService>(scope);
        var input = new InvoiceInput(DemoPersons.SchoonEnSociaalId, "LINDA-1", Today.AddDays(-3), 100m);

        var byOther = await entries.AddInvoiceAsync(Linda, SroiDemoData.DuinzichtBloemendaalContract, input, new MemoryStream(Pdf), "f.pdf");
        var byOfficer = await entries.AddInvoiceAsync(TestUsers.Officer, SroiDemoData.DuinzichtBloemendaalContract, input, new MemoryStream(Pdf), "f.pdf");

        Assert.Equal(KIP.Web.Actions.ActionResult.NotAllowedKey, byOther.ErrorKey);
        Assert.Equal(KIP.Web.Actions.ActionResult.NotAllowedKey, byOfficer.ErrorKey);
    }

    [Fact]
    public async Task The_same_invoice_number_of_the_same_supplier_is_refused_also_when_typed_differently_and_by_the_unique_index()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiInvoiceService>(scope);
        var first = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract,
            new InvoiceInput(DemoPersons.CateringMetKansenId, "CMK-2026/0042", Today.AddDays(-5), 1_500m), new MemoryStream(Pdf), "factuur.pdf");
        Assert.True(first.Succeeded, first.ErrorKey);

        var again = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtBloemendaalContract,
            new InvoiceInput(DemoPersons.CateringMetKansenId, "cmk 2026 0042", Today.AddDays(-5), 1_500m), new MemoryStream(Pdf), "factuur.pdf");
        Assert.Equal("DomainError.sroi.invoice-duplicate", again.Result.FieldError(SroiFields.InvoiceNumber));

        // The same number from another supplier is another invoice.
        var other = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract,
            new InvoiceInput(DemoPersons.SchoonEnSociaalId, "CMK-2026/0042", Today.AddDays(-5), 1_500m), new MemoryStream(Pdf), "factuur.pdf");
        Assert.True(other.Succeeded, other.ErrorKey);

        // The database itself refuses a second row, whatever a service checked before.
        await using var db = await app.Db.CreateDbContextAsync();
        var copy = await db.SroiInvoices.AsNoTracking().SingleAsync(i => i.Id == first.Value);
        copy.Id = Guid.NewGuid();
        copy.ContractId = SroiDemoData.DuinzichtBloemendaalContract;
        db.SroiInvoices.Add(copy);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("UNIQUE", refused.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_input_names_each_field_and_a_file_that_is_not_a_pdf_is_refused_by_its_content()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiInvoiceService>(scope);
        var before = await CountInvoicesAsync();

        var empty = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract, new InvoiceInput(null, " ", Today.AddDays(3), 10.005m), null, null);
        Assert.Equal("DomainError.sroi.supplier-required", empty.Result.FieldError(SroiFields.Supplier));
        Assert.Equal("DomainError.sroi.invoice-number-required", empty.Result.FieldError(SroiFields.InvoiceNumber));
        Assert.Equal("DomainError.sroi.invoice-date-future", empty.Result.FieldError(SroiFields.InvoiceDate));
        Assert.Equal("DomainError.sroi.amount-invalid", empty.Result.FieldError(SroiFields.Amount));
        Assert.Equal("DomainError.sroi.pdf-required", empty.Result.FieldError(SroiFields.Pdf));

        var png = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract,
            new InvoiceInput(DemoPersons.SchoonEnSociaalId, "PNG-1", Today.AddDays(-1), 10m), new MemoryStream(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }), "factuur.pdf");
        Assert.Equal("DomainError.sroi.pdf-not-pdf", png.Result.FieldError(SroiFields.Pdf));
        Assert.Equal(before, await CountInvoicesAsync());
    }

    [Fact]
    public async Task Two_officers_verifying_the_same_invoice_at_once_count_it_once()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiInvoiceService>(scope);
        var contracts = Service<SroiContractService>(scope);
        var added = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract,
            new InvoiceInput(DemoPersons.SchoonEnSociaalId, $"RACE-{Guid.NewGuid():N}"[..20], Today.AddDays(-2), 4_321m), new MemoryStream(Pdf), "race.pdf");
        Assert.True(added.Succeeded, added.ErrorKey);
        var before = (await contracts.FindAsync(TestUsers.Officer, SroiDemoData.DuinzichtHaarlemContract))!.Progress.Realised;

        using var scopeA = app.App.Services.CreateScope();
        using var scopeB = app.App.Services.CreateScope();
        var results = await Task.WhenAll(
            Task.Run(() => Service<SroiVerificationService>(scopeA).VerifyInvoiceAsync(TestUsers.Officer, added.Value)),
            Task.Run(() => Service<SroiVerificationService>(scopeB).VerifyInvoiceAsync(SecondOfficer, added.Value)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.ErrorKey == "Sroi.Entry.AlreadyDecided");
        var after = (await contracts.FindAsync(TestUsers.Officer, SroiDemoData.DuinzichtHaarlemContract))!.Progress.Realised;
        Assert.Equal(before + 4_321m, after);
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Single(await db.AuditEntries.Where(e => e.Action == "sroi.invoice.verify" && e.Subject == added.Value.ToString()).ToListAsync());
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_keeps_it_and_never_counts()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiInvoiceService>(scope);
        var verification = Service<SroiVerificationService>(scope);
        var contracts = Service<SroiContractService>(scope);
        var added = await entries.AddInvoiceAsync(Bas, SroiDemoData.DuinzichtHaarlemContract,
            new InvoiceInput(DemoPersons.SchoonEnSociaalId, $"REF-{Guid.NewGuid():N}"[..20], Today.AddDays(-2), 999m), new MemoryStream(Pdf), "r.pdf");

        var noReason = await verification.RefuseInvoiceAsync(TestUsers.Officer, added.Value, "  ");
        Assert.Equal("DomainError.sroi.reason-required", noReason.FieldError(SroiFields.Reason));
        Assert.False((await verification.RefuseInvoiceAsync(Bas, added.Value, "zelf afgewezen")).Succeeded);

        Assert.True((await verification.RefuseInvoiceAsync(TestUsers.Officer, added.Value, "Bedrag is incl. btw")).Succeeded);
        Assert.Equal("Sroi.Entry.AlreadyDecided", (await verification.VerifyInvoiceAsync(TestUsers.Officer, added.Value)).ErrorKey);
        var line = (await contracts.FindAsync(TestUsers.Officer, SroiDemoData.DuinzichtHaarlemContract))!.Invoices.Single(i => i.Invoice.Id == added.Value);
        Assert.Equal(CountReason.Refused, line.Count.Reason);
        Assert.Equal("Bedrag is incl. btw", line.Invoice.RefusalReason);
    }

    [Fact]
    public async Task An_officer_enters_a_contract_and_sets_another_obligation_with_a_reason_that_is_audited()
    {
        using var scope = app.App.Services.CreateScope();
        var contracts = Service<SroiContractService>(scope);
        var terms = new ContractTerms("bloemendaal", "60123456", "Aannemersbedrijf Duinzicht B.V.", "Onderhoud sportvelden", "BLD-T-1", ContractKind.Services, null, 1_200_000m, Today, Today.AddYears(1), false);

        Assert.Equal(KIP.Web.Actions.ActionResult.NotAllowedKey, (await contracts.CreateAsync(Bas, terms)).ErrorKey);
        var created = await contracts.CreateAsync(TestUsers.Officer, terms);
        Assert.True(created.Succeeded, created.ErrorKey);
        var standing = await contracts.FindAsync(TestUsers.Officer, created.Value);
        Assert.Equal(60_000m, standing!.Contract.Obligation);

        Assert.Equal("DomainError.sroi.reason-required", (await contracts.OverrideAsync(TestUsers.Officer, created.Value, 48_000m, null)).FieldError("reason"));
        Assert.True((await contracts.OverrideAsync(TestUsers.Officer, created.Value, 48_000m, "Deels subsidie, afgesproken 4%")).Succeeded);
        standing = await contracts.FindAsync(TestUsers.Officer, created.Value);
        Assert.Equal(48_000m, standing!.Contract.Obligation);
        Assert.Equal(60_000m, standing.Contract.ComputedObligation);
        await using var db = await app.Db.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == "sroi.contract.override" && e.Subject == created.Value.ToString());
        Assert.Contains("Deels subsidie", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activity_is_valued_by_the_building_block_row_of_its_date()
    {
        using var scope = app.App.Services.CreateScope();
        var entries = Service<SroiActivityService>(scope);
        var contracts = Service<SroiContractService>(scope);
        var lastYear = new DateOnly(Today.Year - 1, 6, 1);

        var old = await entries.AddActivityAsync(Bas, SroiDemoData.DuinzichtBloemendaalContract, new ActivityInput("werkervaringsplaats", "Werkervaring timmerman", lastYear, 2m));
        Assert.True(old.Succeeded, old.ErrorKey);
        var standing = await contracts.FindAsync(Bas, SroiDemoData.DuinzichtBloemendaalContract);
        var line = standing!.Activities.Single(a => a.Activity.Id == old.Value);
        Assert.Equal(1_000m, line.Value); // 2 × € 500, the value before Bloemendaal's raise to € 550
        Assert.Equal(CountReason.NotVerified, line.Count.Reason);
    }

    private async Task<int> CountInvoicesAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.SroiInvoices.CountAsync();
    }
}
