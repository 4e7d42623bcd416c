using System.Security.Claims;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Coordination;

/// <summary>Rulebook §3 and §1: the coordination team records a new KvK number; the history stays, one organisation per number.</summary>
public sealed class KvkNumberServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Guid GroenDoen = new("7a1c0000-0000-4000-8000-000000000004");

    private static readonly Guid LoopbaanEnLeerwerk = new("7a1c0000-0000-4000-8000-000000000005");

    private async Task<T> WithAsync<T>(Func<KvkNumberService, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<KvkNumberService>());
    }

    private Task<ActionResult> ChangeAsync(ClaimsPrincipal user, string? typed, bool store = true, Guid? organisation = null) =>
        WithAsync(service => store
            ? service.ChangeAsync(user, organisation ?? GroenDoen, typed)
            : service.CheckAsync(user, organisation ?? GroenDoen, typed));

    private static string? Beside(ActionResult result) => result.FieldError(KvkNumberService.Field);

    [Fact]
    public async Task Each_wrong_number_is_named_then_the_new_one_is_recorded_audited_and_the_history_kept()
    {
        var coordinator = TestUsers.Coordinator;
        int criteria;
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            criteria = (await db.Organisations.SingleAsync(o => o.Id == GroenDoen)).AcceptedCriteria.Count;
        }

        Assert.Equal("KvkChange.Error.Required", Beside(await ChangeAsync(coordinator, "  ")));
        Assert.Equal("DomainError.kvk.invalid", Beside(await ChangeAsync(coordinator, "5678123")));
        Assert.Equal("DomainError.kvk.invalid", Beside(await ChangeAsync(coordinator, "5678123a")));
        Assert.Equal("DomainError.kvk.unchanged", Beside(await ChangeAsync(coordinator, " 56781234 ")));
        Assert.Equal(KvkNumberService.TakenKey, Beside(await ChangeAsync(coordinator, "34123456"))); // Schoon & Sociaal's
        Assert.Equal(ActionResult.Done, await ChangeAsync(coordinator, "56780000", store: false));
        await using (var db = await app.Db.CreateDbContextAsync())
        {
            Assert.Equal("56781234", (await db.Organisations.SingleAsync(o => o.Id == GroenDoen)).KvkNumber.Value); // a check stores nothing
        }

        Assert.Equal(ActionResult.Done, await ChangeAsync(coordinator, "56780000"));

        await using var check = await app.Db.CreateDbContextAsync();
        var organisation = await check.Organisations.SingleAsync(o => o.Id == GroenDoen);
        Assert.Equal("56780000", organisation.KvkNumber.Value);
        var change = Assert.Single(organisation.KvkNumberHistory);
        Assert.Equal(("56781234", "56780000"), (change.Previous.Value, change.Current.Value));
        Assert.Equal(criteria, organisation.AcceptedCriteria.Count);
        var audit = await check.AuditEntries.SingleAsync(a => a.Action == "organisation.kvk-changed");
        Assert.Equal((DemoPersons.Coordinator, $"organisation:{GroenDoen}"), (audit.PersonId!.Value, audit.Subject));
        Assert.Contains("56781234 -> 56780000", audit.Details, StringComparison.Ordinal);
        var listed = Assert.Single(await WithAsync(service => service.OrganisationsAsync()), o => o.Id == GroenDoen);
        Assert.True(listed.Matches("5678000"));
        Assert.False(listed.Matches("56781234"));
    }

    [Fact]
    public async Task V8_2_1_Only_the_coordination_team_records_a_new_kvk_number()
    {
        Assert.Equal(ActionResult.NotAllowed, await ChangeAsync(TestUsers.Officer, "56789999", organisation: LoopbaanEnLeerwerk));
        Assert.Equal(ActionResult.NotAllowed, await ChangeAsync(TestUsers.Entrepreneur, "56789999", store: false, organisation: LoopbaanEnLeerwerk));
        Assert.Equal(ActionResult.NotAllowed, await ChangeAsync(new ClaimsPrincipal(new ClaimsIdentity()), "56789999", organisation: LoopbaanEnLeerwerk));

        await using var db = await app.Db.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == LoopbaanEnLeerwerk);
        Assert.Equal("56781235", organisation.KvkNumber.Value);
        Assert.Empty(organisation.KvkNumberHistory);
    }
}
