using System.Net;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Identity;

/// <summary>
/// Every routable page and endpoint, found from the app's own route table, for anonymous visitors and each
/// role, with every demo organisation's id tried where a route takes one (product.md: denied by default).
/// </summary>
[Collection(SignedInCollection.Name)]
public class AccessMatrixTests(SignedInApp app)
{
    private const string Public = "public";

    /// <summary>Who may open each page: a new page fails the matrix until it is added here.</summary>
    private static readonly Dictionary<string, string> Pages = new()
    {
        ["/"] = Public,
        ["/toegankelijkheid"] = Public,
        ["/niet-gevonden"] = Public,
        ["/fout"] = Public,
        ["/geen-toegang"] = Public,
        ["/sessie-verlopen"] = Public,
        ["/aanmelden"] = Public,
        ["/account/demo-aanmelden"] = Public,
        ["/aanbod"] = Public,
        ["/aanbod/{id:guid}"] = Public,
        ["/sroi"] = Public,
        ["/erkenningscheck"] = Public,
        ["/gedeeld/{token}"] = Public,
        ["/mijn-organisatie"] = KipPolicies.SignedIn,
        ["/organisaties/{id:guid}/beheer"] = KipPolicies.OwnOrganisation,
        ["/commissie"] = KipPolicies.Commission,
        ["/commissie/vergaderingen/{id:guid}/sessie"] = KipPolicies.Commission,
        ["/commissie/vergaderingen/{id:guid}/besluitenlijst"] = KipPolicies.DecisionRecord,
        ["/vergaderingen/archief"] = KipPolicies.DecisionRecord,
        ["/commissie/aanvragen/{id:guid}"] = KipPolicies.Commission,
        ["/inkoop"] = KipPolicies.SroiOfficer,
        ["/inkoop/shortlijsten"] = KipPolicies.SroiOfficer,
        ["/inkoop/shortlijsten/{id:guid}"] = KipPolicies.SroiOfficer,
        ["/coordinatie"] = KipPolicies.Coordination,
        ["/coordinatie/zetels"] = KipPolicies.Coordination,
        ["/coordinatie/intrekken"] = KipPolicies.Coordination,
        ["/coordinatie/kvk-nummer"] = KipPolicies.Coordination,
        ["/coordinatie/vergaderingen"] = KipPolicies.Coordination,
        ["/coordinatie/vergaderingen/{id:guid}"] = KipPolicies.Coordination,
        ["/organisaties/registreren"] = KipPolicies.SignedIn,
        ["/organisaties/{id:guid}/aanvraag"] = KipPolicies.OwnOrganisation,
        ["/organisaties/{id:guid}/aanvragen"] = KipPolicies.OwnOrganisation,
        ["/organisaties/{id:guid}/aanvragen/{applicationId:guid}/samenvatting"] = KipPolicies.OwnOrganisation,
        ["/coordinatie/toelating"] = KipPolicies.Coordination,
        ["/commissie/formulier"] = KipPolicies.Commission,
        ["/bench/teller"] = KipPolicies.Bench,
        ["/meldingen"] = KipPolicies.SignedIn,
        ["/mijn-gegevens"] = KipPolicies.SignedIn,
        ["/privacy"] = Public,
        ["/coordinatie/privacy"] = KipPolicies.Coordination,
        ["/coordinatie/overzicht"] = KipPolicies.RegionOverview,
        ["/sroi/contracten"] = KipPolicies.SroiOfficer,
        ["/sroi/contracten/nieuw"] = KipPolicies.SroiOfficer,
        ["/sroi/contracten/{id:guid}"] = KipPolicies.SroiContract,
        ["/sroi/bouwblokken"] = KipPolicies.SroiOfficer,
        ["/mijn-contracten"] = KipPolicies.ContractPartner,
    };

    private static readonly Guid[] OrganisationIds =
        [DemoPersons.FietsenmakerijId, DemoPersons.SchoonEnSociaalId, DemoPersons.CateringMetKansenId, Guid.NewGuid()];

    private static IEnumerable<string> RoutablePages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(r => r.Template);

    [Fact]
    public void Every_page_in_the_route_table_is_in_the_matrix()
    {
        var pages = RoutablePages().ToHashSet();
        Assert.Equal(Pages.Keys.Order(), pages.Order());
    }

    [Fact]
    public void V8_2_1_Every_endpoint_names_who_may_use_it()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var unnamed = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Where(e => !IsDevelopmentStaticAssetFallback(e))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName}: {string.Join(", ", e.Metadata.Select(m => m.GetType().Name))})")
            .ToList();
        Assert.True(unnamed.Count == 0, "Endpoints without authorization metadata:\n" + string.Join("\n", unnamed));
    }

    /// <summary>
    /// MapStaticAssets adds, in Development only, a fallback for files added after the build; conventions on
    /// MapStaticAssets do not reach it. It stays behind the deny-by-default fallback policy (sign-in required),
    /// which is the safe side, and it does not exist in Production.
    /// </summary>
    private bool IsDevelopmentStaticAssetFallback(RouteEndpoint endpoint) =>
        app.App.Environment == "Development"
        && endpoint.RoutePattern.RawText == "{**path:file}"
        && endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata");

    [Fact]
    public void V8_2_1_Pages_in_the_route_table_carry_the_policy_the_matrix_expects()
    {
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Length > 0))
        {
            var template = type.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>().First().Template;
            var authorize = type.GetCustomAttributes(typeof(AuthorizeAttribute), false).Cast<AuthorizeAttribute>().SingleOrDefault();
            var anonymous = type.GetCustomAttributes(typeof(AllowAnonymousAttribute), false).Length > 0;
            Assert.True(anonymous ^ (authorize is not null), $"{type.Name} must say either [AllowAnonymous] or [Authorize(Policy=…)]");
            Assert.Equal(Pages[template], anonymous ? Public : authorize!.Policy);
        }
    }

    public static TheoryData<string> Visitors() => new(["anonymous", .. SignedInApp.Accounts.Select(a => a.Name)]);

    [Theory]
    [MemberData(nameof(Visitors))]
    public async Task V8_2_1_Each_visitor_reaches_exactly_the_pages_of_their_roles(string visitor)
    {
        var account = SignedInApp.Accounts.SingleOrDefault(a => a.Name == visitor);
        var session = account is null ? app.Anonymous : app.SessionOf(account);
        var failures = new List<string>();
        foreach (var (template, policy) in Pages)
        {
            foreach (var (path, organisation) in Expand(template))
            {
                using var response = await session.GetAsync(path);
                var expected = Expected(account, policy, organisation);
                var actual = Outcome(response);
                if (expected != actual)
                {
                    failures.Add($"{path}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{visitor}:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<(string Path, Guid? Organisation)> Expand(string template) =>
        template.Contains("{id:guid}", StringComparison.OrdinalIgnoreCase)
            ? OrganisationIds.Select(id => (template
                .Replace("{id:guid}", id.ToString(), StringComparison.OrdinalIgnoreCase)
                .Replace("{applicationId:guid}", Guid.NewGuid().ToString(), StringComparison.OrdinalIgnoreCase), (Guid?)id))
            : [(template, null)];

    private static string Expected(DemoAccount? account, string policy, Guid? organisation)
    {
        if (policy == Public)
        {
            return "page";
        }

        if (account is null)
        {
            return "sign-in";
        }

        var allowed = policy == KipPolicies.SignedIn ? true
            : policy == KipPolicies.OwnOrganisation
            ? account.Organisations.Contains(organisation!.Value)
            : policy == KipPolicies.SroiContract
            ? account.Roles.Contains(KipRoles.SroiOfficer) || account.Roles.Contains(KipRoles.ContractPartner)
            : policy == KipPolicies.DecisionRecord
            ? account.Roles.Contains(KipRoles.Commission) || account.Roles.Contains(KipRoles.Coordination)
            : policy == KipPolicies.RegionOverview
            ? account.Roles.Contains(KipRoles.Coordination) || account.Roles.Contains(KipRoles.SroiOfficer)
            : account.Roles.Contains(policy);
        return allowed ? "page" : "denied";
    }

    private static string Outcome(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return "page";
        }

        var location = response.Headers.Location?.ToString() ?? string.Empty;
        return response.StatusCode == HttpStatusCode.Redirect && location.Contains(AccessSetup.LoginPath, StringComparison.Ordinal) ? "sign-in"
            : response.StatusCode == HttpStatusCode.Redirect && location.Contains(KIP.Web.Components.Pages.Account.AccessDenied.Url, StringComparison.Ordinal) ? "denied"
            : $"other {(int)response.StatusCode}";
    }

    [Fact]
    public async Task V8_2_1_Endpoints_other_than_pages_answer_anonymous_visitors_only_where_they_say_so()
    {
        // The sign-out endpoint takes only a POST with an antiforgery token: a forged cross-site form is refused.
        using var forged = await app.Anonymous.FollowAsync(new HttpRequestMessage(HttpMethod.Post, AccessSetup.LogoutPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }),
        }).ContinueWith(t => t.Result.Response);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var health = await app.Anonymous.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // Logos are public (no sign-in redirect), but only an admitted organisation's existing logo is served.
        using var logo = await app.Anonymous.GetAsync($"/logos/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, logo.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task Sign_in_never_returns_to_another_site(string returnUrl)
    {
        using var session = new KipSession(app.App.BaseUrl);
        var (response, url) = await session.SignInAsDemoAsync(DemoPersons.SroiOfficer, returnUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(app.App.BaseUrl + "/", url.ToString());
    }
}

/// <summary>
/// The same matrix on PostgreSQL (the engine of several servers): every page, endpoint and search page (<c>/aanbod</c>, <c>/sroi</c>,
/// <c>/inkoop</c>, the API) for anonymous visitors and each role, on a database of its own.
/// </summary>
[Collection("postgres-signed-in")]
public sealed class PostgresAccessMatrixTests(PostgresSignedInApp app) : AccessMatrixTests(app), IClassFixture<PostgresSignedInApp>;
