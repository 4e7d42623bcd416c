using System.Net;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Identity;

/// <summary>
/// KIP configured for two authorities that are not its own: a municipality's (roles in a <c>groups</c> claim
/// with its own group names, the subject in <c>oid</c>, the name in <c>display_name</c>) and an eHerkenning
/// broker (a KvK number in an <c>urn:etoegang</c> claim). Both are <see cref="TestOidcProvider"/>s.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xUnit disposes them through IAsyncLifetime.DisposeAsync")]
public sealed class ExternalAuthorityTests : IAsyncLifetime
{
    private const string KvkClaim = "urn:etoegang:1.9:EntityConcernedID:KvKnr";

    private readonly TestOidcProvider _municipality = new("kip-gemeente", "gemeente-geheim");
    private readonly TestOidcProvider _broker = new("kip-eherkenning", "broker-geheim");
    private KipAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        await _municipality.StartAsync();
        await _broker.StartAsync();
        _app = new KipAppFactory(new Dictionary<string, string?>
        {
            ["Kip:Auth:Schemes:gemeente:DisplayName"] = "Medewerkers gemeente",
            ["Kip:Auth:Schemes:gemeente:Authority"] = _municipality.Issuer,
            ["Kip:Auth:Schemes:gemeente:ClientId"] = _municipality.ClientId,
            ["Kip:Auth:Schemes:gemeente:ClientSecret"] = _municipality.ClientSecret,
            ["Kip:Auth:Schemes:gemeente:RequireHttpsMetadata"] = "false",
            ["Kip:Auth:Schemes:gemeente:RoleClaim"] = "groups",
            ["Kip:Auth:Schemes:gemeente:SubjectClaim"] = "oid",
            ["Kip:Auth:Schemes:gemeente:NameClaim"] = "display_name",
            ["Kip:Auth:Schemes:gemeente:GroupMapping:GG-KIP-Inkoopconsulenten"] = KipRoles.SroiOfficer,
            ["Kip:Auth:Schemes:gemeente:GroupMapping:GG-KIP-Coordinatieteam"] = KipRoles.Coordination,
            ["Kip:Auth:Schemes:eherkenning:DisplayName"] = "Ondernemers (eHerkenning)",
            ["Kip:Auth:Schemes:eherkenning:Authority"] = _broker.Issuer,
            ["Kip:Auth:Schemes:eherkenning:ClientId"] = _broker.ClientId,
            ["Kip:Auth:Schemes:eherkenning:ClientSecret"] = _broker.ClientSecret,
            ["Kip:Auth:Schemes:eherkenning:RequireHttpsMetadata"] = "false",
            ["Kip:Auth:Schemes:eherkenning:KvkClaim"] = KvkClaim,
            ["Kip:Auth:Schemes:eherkenning:TrustEmail"] = "true",
        });
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _municipality.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private async Task<KipSession> SignInAsync(string scheme, string returnUrl)
    {
        var session = new KipSession(_app.BaseUrl);
        var (response, url) = await session.FollowAsync($"{AccessSetup.LoginPath}?scheme={scheme}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(returnUrl, url.AbsolutePath);
        return session;
    }

    [Fact]
    public async Task The_sign_in_page_offers_each_configured_authority_and_no_demo_provider()
    {
        using var session = new KipSession(_app.BaseUrl);
        var (page, url) = await session.FollowAsync("/inkoop");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(KIP.Web.Components.Pages.Account.SignIn.Url, url.AbsolutePath);
        Assert.Contains("Medewerkers gemeente", html, StringComparison.Ordinal);
        Assert.Contains("Ondernemers (eHerkenning)", html, StringComparison.Ordinal);
        using var embedded = await session.GetAsync(EmbeddedProvider.AuthorizePath);
        Assert.Equal(HttpStatusCode.NotFound, embedded.StatusCode);
        using var demoForm = await session.GetAsync(EmbeddedProvider.SignInPath);
        Assert.NotEqual(HttpStatusCode.OK, demoForm.StatusCode);
    }

    [Fact]
    public async Task Groups_in_another_claim_with_other_names_become_KIP_roles()
    {
        _municipality.NextUser = new()
        {
            ["sub"] = "pairwise-1",
            ["oid"] = "3f1c-officer",
            ["display_name"] = "Joke Inkoper",
            ["groups"] = new[] { "GG-KIP-Inkoopconsulenten", "GG-Alle-Medewerkers" },
        };
        using var officer = await SignInAsync("gemeente", "/inkoop");
        using var coordination = await officer.GetAsync("/coordinatie");
        Assert.Equal(HttpStatusCode.Redirect, coordination.StatusCode);
        var (home, _) = await officer.FollowAsync("/");
        Assert.Contains("Joke Inkoper", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        _municipality.NextUser = new()
        {
            ["sub"] = "pairwise-2",
            ["oid"] = "9a2b-coordinator",
            ["display_name"] = "Kees Coördinator",
            ["groups"] = new[] { "GG-KIP-Coordinatieteam" },
        };
        using var coordinator = await SignInAsync("gemeente", "/coordinatie");
        using var procurement = await coordinator.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.Redirect, procurement.StatusCode);
    }

    [Fact]
    public async Task An_unmapped_group_gives_no_role()
    {
        _municipality.NextUser = new()
        {
            ["sub"] = "pairwise-3",
            ["oid"] = "77-nobody",
            ["display_name"] = "Nienke Niemand",
            ["groups"] = new[] { "GG-Alle-Medewerkers", "sroi-officer-lookalike" },
        };
        using var session = await SignInAsync("gemeente", "/");
        foreach (var page in new[] { "/inkoop", "/coordinatie", "/commissie" })
        {
            using var response = await session.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        // A signed-in person without an organisation is shown the ways in, not refused.
        using var mine = await session.GetAsync("/mijn-organisatie");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("Organisatie aanmelden", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_KvK_number_from_eHerkenning_makes_the_person_entrepreneur_of_that_organisation_only()
    {
        _broker.NextUser = new() { ["sub"] = "eh-123", ["name"] = "Sanne de Vries", [KvkClaim] = "81234567" };
        using var session = await SignInAsync("eherkenning", "/mijn-organisatie");

        var (mine, _) = await session.FollowAsync("/mijn-organisatie");
        Assert.Contains("De Fietsenmakerij Haarlem", await mine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var own = await session.GetAsync(KIP.Web.Components.Pages.Entrepreneurs.ManageOrganisation.UrlFor(DemoPersons.FietsenmakerijId));
        using var other = await session.GetAsync(KIP.Web.Components.Pages.Entrepreneurs.ManageOrganisation.UrlFor(DemoPersons.SchoonEnSociaalId));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task A_business_representative_signing_in_with_eHerkenning_sits_on_the_commission()
    {
        // KIP's own data: Pieter Bakker holds the business seat; eHerkenning (trusted for e-mail) vouches for his
        // verified e-mail address and KvK number.
        _broker.NextUser = new()
        {
            ["sub"] = "eh-456",
            ["name"] = "Pieter Bakker",
            ["email"] = "pieter@catering-met-kansen.example.nl",
            ["email_verified"] = true,
            [KvkClaim] = "34567812",
        };
        using var session = await SignInAsync("eherkenning", "/commissie");
        using var own = await session.GetAsync(KIP.Web.Components.Pages.Entrepreneurs.ManageOrganisation.UrlFor(DemoPersons.CateringMetKansenId));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task V6_8_1_A_second_authority_naming_another_persons_email_gets_none_of_their_roles_seat_or_organisations()
    {
        // The municipality's authority is not trusted for e-mail: a token naming Marieke's (chair, a seat) or Pieter's
        // (a seat and Catering Met Kansen) address, even "verified", is a stranger to KIP.
        foreach (var (sub, email) in new[] { ("stranger-1", "m.jansen@haarlem.example.nl"), ("stranger-2", "PIETER@catering-met-kansen.example.nl") })
        {
            _municipality.NextUser = new()
            {
                ["sub"] = sub,
                ["oid"] = sub,
                ["display_name"] = "Iemand Anders",
                ["email"] = email,
                ["email_verified"] = true,
            };
            using var session = await SignInAsync("gemeente", "/mijn-organisatie");

            using var commission = await session.GetAsync("/commissie");
            Assert.Equal(HttpStatusCode.Redirect, commission.StatusCode);
            Assert.Contains(KIP.Web.Components.Pages.Account.AccessDenied.Url, commission.Headers.Location!.ToString(), StringComparison.Ordinal);
            using var catering = await session.GetAsync(KIP.Web.Components.Pages.Entrepreneurs.ManageOrganisation.UrlFor(DemoPersons.CateringMetKansenId));
            Assert.Equal(HttpStatusCode.Redirect, catering.StatusCode);
            var (mine, _) = await session.FollowAsync("/mijn-organisatie");
            var html = await mine.Content.ReadAsStringAsync();
            Assert.Contains("Organisatie aanmelden", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Catering Met Kansen", html, StringComparison.Ordinal);
        }

        Assert.Null(await SubjectOfAsync(DemoPersons.Chair));
        Assert.Null(await SubjectOfAsync(DemoPersons.BusinessMember));
    }

    [Fact]
    public async Task V10_5_2_An_authority_trusted_for_email_links_a_verified_address_once_and_then_matches_by_subject()
    {
        _broker.NextUser = new() { ["sub"] = "eh-marieke", ["name"] = "Marieke Jansen", ["email"] = "m.jansen@haarlem.example.nl", ["email_verified"] = true };
        using (var first = await SignInAsync("eherkenning", "/commissie"))
        {
            Assert.Equal("eherkenning:eh-marieke", await SubjectOfAsync(DemoPersons.Chair));
            await first.SignOutAsync("/commissie");
        }

        // Next time the broker names no e-mail at all: the subject alone is Marieke.
        _broker.NextUser = new() { ["sub"] = "eh-marieke", ["name"] = "Marieke Jansen" };
        using var again = await SignInAsync("eherkenning", "/commissie");
        using var commission = await again.GetAsync("/commissie");
        Assert.Equal(HttpStatusCode.OK, commission.StatusCode);

        // Another subject of the same trusted broker with the same verified address does not take the linked person over.
        _broker.NextUser = new() { ["sub"] = "eh-other", ["name"] = "Iemand Anders", ["email"] = "m.jansen@haarlem.example.nl", ["email_verified"] = true };
        using var other = await SignInAsync("eherkenning", "/");
        using var refused = await other.GetAsync("/commissie");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("eherkenning:eh-marieke", await SubjectOfAsync(DemoPersons.Chair));
    }

    [Fact]
    public async Task V6_8_1_An_unverified_address_links_nothing_even_at_an_authority_trusted_for_email()
    {
        foreach (var verified in new object[] { false, "false" })
        {
            _broker.NextUser = new() { ["sub"] = $"eh-unverified-{verified}", ["name"] = "Marieke?", ["email"] = "m.jansen@haarlem.example.nl", ["email_verified"] = verified };
            using var session = await SignInAsync("eherkenning", "/");

            using var commission = await session.GetAsync("/commissie");
            Assert.Equal(HttpStatusCode.Redirect, commission.StatusCode);
            Assert.Contains(KIP.Web.Components.Pages.Account.AccessDenied.Url, commission.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        _broker.NextUser = new() { ["sub"] = "eh-no-claim", ["name"] = "Marieke?", ["email"] = "m.jansen@haarlem.example.nl" };
        using var withoutClaim = await SignInAsync("eherkenning", "/");
        using var stillRefused = await withoutClaim.GetAsync("/commissie");
        Assert.Equal(HttpStatusCode.Redirect, stillRefused.StatusCode);
        Assert.Null(await SubjectOfAsync(DemoPersons.Chair));
    }

    private async Task<string?> SubjectOfAsync(Guid person)
    {
        var factory = _app.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Persons.AsNoTracking().SingleAsync(p => p.Id == person)).Subject;
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_authority_too()
    {
        _municipality.NextUser = new() { ["sub"] = "p-9", ["oid"] = "o-9", ["display_name"] = "Ria Uit", ["groups"] = new[] { "GG-KIP-Inkoopconsulenten" } };
        using var session = await SignInAsync("gemeente", "/inkoop");
        var before = _municipality.EndSessions;

        var (after, url) = await session.SignOutAsync("/inkoop");

        Assert.Equal(before + 1, _municipality.EndSessions);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("/", url.AbsolutePath);
        using var again = await session.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains(AccessSetup.LoginPath, again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
