using System.Net;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Identity;

/// <summary>An entrepreneur reaches only their own organisation, whatever id they put in the URL or request.</summary>
[Collection(SignedInCollection.Name)]
public class OrganisationIsolationTests(SignedInApp app)
{
    private static string Manage(Guid id) => KIP.Web.Components.Pages.Entrepreneurs.ManageOrganisation.UrlFor(id);

    [Fact]
    public async Task An_entrepreneur_sees_their_own_organisation_from_the_database()
    {
        var (response, _) = await app.SessionOf(SignedInApp.Sanne).FollowAsync("/mijn-organisatie");
        var html = await response.Content.ReadAsStringAsync();

        Assert.True(html.Contains("De Fietsenmakerij Haarlem", StringComparison.Ordinal), html);
        Assert.Contains("81234567", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Schoon &amp; Sociaal", html, StringComparison.Ordinal);

        var (own, _) = await app.SessionOf(SignedInApp.Sanne).FollowAsync(Manage(DemoPersons.FietsenmakerijId));
        Assert.Contains("De Fietsenmakerij Haarlem", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V8_2_2_Another_organisations_id_in_the_URL_is_refused_and_shows_none_of_its_data()
    {
        using var response = await app.SessionOf(SignedInApp.Sanne).GetAsync(Manage(DemoPersons.SchoonEnSociaalId));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(KIP.Web.Components.Pages.Account.AccessDenied.Url, new Uri(app.App.BaseUrl + "/").MakeRelativeUri(response.Headers.Location!).ToString().Split('?')[0].Insert(0, "/"));

        var (followed, url) = await app.SessionOf(SignedInApp.Sanne).FollowAsync(Manage(DemoPersons.SchoonEnSociaalId));
        var html = await followed.Content.ReadAsStringAsync();
        Assert.Equal(KIP.Web.Components.Pages.Account.AccessDenied.Url, url.AbsolutePath);
        Assert.Contains("Geen toegang", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Schoon &amp; Sociaal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("34123456", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V8_2_2_The_other_entrepreneur_cannot_reach_the_first_ones_organisation_either()
    {
        using var response = await app.SessionOf(SignedInApp.Mehmet).GetAsync(Manage(DemoPersons.FietsenmakerijId));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task V8_2_2_The_organisation_policy_refuses_any_id_given_as_a_request_resource()
    {
        var authorization = app.App.Services.GetRequiredService<IAuthorizationService>();
        var sanne = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [
                new(KipClaims.Role, KipRoles.Entrepreneur),
                new(KipClaims.Organisation, DemoPersons.FietsenmakerijId.ToString()),
            ],
            "test", KipClaims.Name, KipClaims.Role));

        Assert.True((await authorization.AuthorizeAsync(sanne, DemoPersons.FietsenmakerijId, KipPolicies.OwnOrganisation)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(sanne, DemoPersons.SchoonEnSociaalId, KipPolicies.OwnOrganisation)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(sanne, Guid.Empty, KipPolicies.OwnOrganisation)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(sanne, "not an id", KipPolicies.OwnOrganisation)).Succeeded);
    }

    [Fact]
    public async Task V8_2_2_A_business_member_is_both_commission_and_entrepreneur_of_their_own_organisation_only()
    {
        var pieter = app.SessionOf(SignedInApp.Pieter);
        using var commission = await pieter.GetAsync("/commissie");
        using var own = await pieter.GetAsync(Manage(DemoPersons.CateringMetKansenId));
        using var other = await pieter.GetAsync(Manage(DemoPersons.FietsenmakerijId));

        Assert.Equal(HttpStatusCode.OK, commission.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }
}

/// <summary>
/// The same access checks on PostgreSQL: signing in through the embedded provider (its tables), the server-side
/// session and the roles read from KIP's data on every request, all on a database of its own.
/// </summary>
[Collection("postgres-signed-in")]
public sealed class PostgresOrganisationIsolationTests(PostgresSignedInApp app) : OrganisationIsolationTests(app), IClassFixture<PostgresSignedInApp>;
