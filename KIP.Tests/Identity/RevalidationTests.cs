using System.Security.Claims;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Identity;

/// <summary>A live circuit's roles are checked against KIP's data again, so an ended seat term stops counting.</summary>
[Collection(SignedInCollection.Name)]
public sealed class RevalidationTests(SignedInApp app)
{
    private static ClaimsPrincipal Session(Guid person, params Claim[] fromKipData)
    {
        var session = new ClaimsIdentity(
            [new(KipClaims.Subject, person.ToString()), new(KipClaims.Scheme, EmbeddedProvider.SchemeName)],
            "kip", KipClaims.Name, KipClaims.Role);
        var principal = new ClaimsPrincipal(session);
        principal.AddIdentity(new ClaimsIdentity(fromKipData, "kip-data", KipClaims.Name, KipClaims.Role));
        return principal;
    }

    private KipRevalidatingAuthenticationStateProvider Provider()
    {
        var scope = app.App.Services.CreateScope();
        return Assert.IsType<KipRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task Roles_that_still_follow_from_the_data_keep_the_circuit()
    {
        var pieter = Session(
            DemoPersons.BusinessMember,
            new(KipClaims.Role, KipRoles.Commission), new(KipClaims.Role, KipRoles.Entrepreneur),
            new(KipClaims.Organisation, DemoPersons.CateringMetKansenId.ToString()));

        Assert.True(await Provider().StillValidAsync(pieter));
    }

    [Fact]
    public async Task A_role_the_data_no_longer_gives_ends_the_circuits_user()
    {
        var stale = Session(DemoPersons.SroiOfficer, new(KipClaims.Role, KipRoles.SroiOfficer), new(KipClaims.Role, KipRoles.Commission));

        Assert.False(await Provider().StillValidAsync(stale));
    }
}
