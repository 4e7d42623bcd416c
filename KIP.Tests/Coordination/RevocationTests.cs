using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Coordination;

/// <summary>Rulebook §2: the coordination team revokes with a reason, effective today; /sroi follows at once.</summary>
public sealed class RevocationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider);
    }

    /// <summary>What /sroi shows: the directory search with only organisations recognised today.</summary>
    private Task<List<Guid>> SroiAsync() => WithAsync(async sp =>
        (await sp.GetRequiredService<SupplierSearch>().SearchAsync(new SupplierQuery { Recognised = true, PageSize = SupplierQuery.MaximumPageSize }))
            .Items.Select(i => i.Id).ToList());

    private Task<ActionResult> RevokeAsync(System.Security.Claims.ClaimsPrincipal user, Guid organisation, CriterionCode? criterion, string? reason) =>
        WithAsync(sp => sp.GetRequiredService<RevocationService>().RevokeAsync(user, organisation, criterion, reason));

    [Fact]
    public async Task Revoking_the_whole_recognition_removes_the_organisation_from_the_SROI_page_the_same_day_and_warns_of_the_business_seat()
    {
        Assert.Contains(DemoPersons.CateringMetKansenId, await SroiAsync());

        var noReason = await RevokeAsync(TestUsers.Coordinator, DemoPersons.CateringMetKansenId, null, "  ");
        Assert.Equal("DomainError.recognition.reason-required", noReason.ErrorKey);
        Assert.Contains(DemoPersons.CateringMetKansenId, await SroiAsync());

        var result = await RevokeAsync(TestUsers.Coordinator, DemoPersons.CateringMetKansenId, null, "Voldoet niet meer aan de voorwaarden.");

        Assert.True(result.Succeeded, result.ErrorKey);
        Assert.DoesNotContain(DemoPersons.CateringMetKansenId, await SroiAsync());
        await using var db = await app.Db.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "recognition.revoke-all");
        Assert.Equal((DemoPersons.Coordinator, $"organisation:{DemoPersons.CateringMetKansenId}"), (audit.PersonId!.Value, audit.Subject));
        Assert.Contains("Voldoet niet meer", audit.Details, StringComparison.Ordinal);
        var seats = await WithAsync(sp => sp.GetRequiredService<SeatService>().OverviewAsync());
        Assert.Contains(seats.Warnings, w => w.Kind == SeatWarningKind.BusinessRepresentativeNotRecognised);
        Assert.Equal("DomainError.recognition.nothing-to-revoke",
            (await RevokeAsync(TestUsers.Coordinator, DemoPersons.CateringMetKansenId, null, "Nogmaals.")).ErrorKey);
    }

    [Fact]
    public async Task Revoking_one_of_several_criteria_keeps_the_organisation_recognised_on_the_others()
    {
        var groenDoen = new Guid("7a1c0000-0000-4000-8000-000000000004");
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == groenDoen);
            organisation.Accept(CriterionCode.SocialEnterpriseNl, AmsterdamCalendar.Today(TimeProvider.System).AddDays(-10), null, null);
            await db.SaveChangesAsync();
        }

        var two = (await WithAsync(sp => sp.GetRequiredService<RevocationService>().RecognisedAsync())).Single(o => o.Id == groenDoen);
        Assert.Equal(2, two.ValidCriteria.Count);
        var code = CriterionCode.CodeSocialeOndernemingen;

        var result = await RevokeAsync(TestUsers.Coordinator, two.Id, code, "Certificaat verlopen.");

        Assert.True(result.Succeeded, result.ErrorKey);
        Assert.Contains(two.Id, await SroiAsync());
        var after = (await WithAsync(sp => sp.GetRequiredService<RevocationService>().RecognisedAsync())).Single(o => o.Id == two.Id);
        Assert.DoesNotContain(after.ValidCriteria, c => c.Code == code);
    }

    [Fact]
    public async Task Only_the_coordination_team_can_revoke_even_calling_the_service()
    {
        foreach (var user in new[] { TestUsers.Chair, TestUsers.Officer, TestUsers.Entrepreneur })
        {
            Assert.Equal(ActionResult.NotAllowed, await RevokeAsync(user, DemoPersons.SchoonEnSociaalId, null, "Zomaar."));
        }

        Assert.Contains(DemoPersons.SchoonEnSociaalId, await SroiAsync());
    }
}
