using System.Security.Claims;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Identity;

/// <summary>A live circuit's roles are checked against KIP's data again, so an ended seat term stops counting.</summary>
[Collection(SignedInCollection.Name)]
public sealed class RevalidationTests(SignedInApp app)
{
    /// <summary>A real server-side session for <paramref name="person"/>, with the claims KIP's data gave when the circuit started.</summary>
    private async Task<ClaimsPrincipal> SessionAsync(Guid person, params Claim[] fromKipData)
    {
        var session = new ClaimsIdentity(
            [new(KipClaims.Subject, person.ToString()), new(KipClaims.Scheme, EmbeddedProvider.SchemeName)],
            "kip", KipClaims.Name, KipClaims.Role);
        var key = await Store.StoreAsync(new AuthenticationTicket(new ClaimsPrincipal(session.Clone()), CookieAuthenticationDefaults.AuthenticationScheme));
        session.AddClaim(new Claim(KipClaims.Session, key));
        var principal = new ClaimsPrincipal(session);
        principal.AddIdentity(new ClaimsIdentity(fromKipData, "kip-data", KipClaims.Name, KipClaims.Role));
        return principal;
    }

    private DatabaseTicketStore Store => app.App.Services.GetRequiredService<DatabaseTicketStore>();

    private KipRevalidatingAuthenticationStateProvider Provider()
    {
        var scope = app.App.Services.CreateScope();
        return Assert.IsType<KipRevalidatingAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task Roles_that_still_follow_from_the_data_keep_the_circuit()
    {
        var pieter = await SessionAsync(
            DemoPersons.BusinessMember,
            new(KipClaims.Role, KipRoles.Commission), new(KipClaims.Role, KipRoles.Entrepreneur),
            new(KipClaims.Organisation, DemoPersons.CateringMetKansenId.ToString()));

        Assert.True(await Provider().StillValidAsync(pieter));
    }

    [Fact]
    public async Task A_role_the_data_no_longer_gives_ends_the_circuits_user()
    {
        var stale = await SessionAsync(DemoPersons.SroiOfficer, new(KipClaims.Role, KipRoles.SroiOfficer), new(KipClaims.Role, KipRoles.Commission));

        Assert.False(await Provider().StillValidAsync(stale));
    }

    [Fact]
    public async Task V7_4_1_A_session_signed_out_elsewhere_ends_the_open_pages_user()
    {
        var lotte = await SessionAsync(DemoPersons.SroiOfficer, new Claim(KipClaims.Role, KipRoles.SroiOfficer));
        Assert.True(await Provider().StillValidAsync(lotte));

        await Store.RemoveAsync(lotte.FindFirst(KipClaims.Session)!.Value);

        Assert.False(await Provider().StillValidAsync(lotte));
    }

    [Fact]
    public async Task A_signed_in_user_without_a_server_side_session_is_not_valid()
    {
        var forged = new ClaimsPrincipal(new ClaimsIdentity(
            [new(KipClaims.Subject, DemoPersons.SroiOfficer.ToString()), new(KipClaims.Scheme, EmbeddedProvider.SchemeName), new(KipClaims.Session, "no-such-session")],
            "kip", KipClaims.Name, KipClaims.Role));

        Assert.False(await Provider().StillValidAsync(forged));
    }
}
