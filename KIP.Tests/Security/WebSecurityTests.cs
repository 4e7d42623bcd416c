using System.Net;
using System.Text.Json;
using KIP.Domain;
using KIP.Tests.Identity;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Directory;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Security;

[CollectionDefinition(Name)]
public sealed class SecurityAppCollection : ICollectionFixture<SecurityApp>
{
    public const string Name = "security-app";
}

/// <summary>
/// OWASP ASVS 5.0 level 1 items held over HTTP against the real app: what an attacker types into a profile, a
/// search box or an address, what a forged cross-site request or a copied cookie achieves (docs/security/asvs-l1.md).
/// </summary>
[Collection(SecurityAppCollection.Name)]
public sealed class WebSecurityTests(SecurityApp app)
{
    private const string Markup = "<script>alert('kip')</script><img src=x onerror=alert(1)>";
    private const string JsonBreaker = "\"},{\"name\":\"ingevoegd\"} </script>";

    private static readonly Guid Fietsenmakerij = DemoPersons.FietsenmakerijId;

    private static System.Security.Claims.ClaimsPrincipal Sanne =>
        SecurityApp.As(DemoPersons.Entrepreneur, [KipRoles.Entrepreneur], Fietsenmakerij);

    /// <summary>Sanne writes markup and JSON-breaking text into her organisation's public description.</summary>
    private async Task<string> DescriptionWithMarkupAsync()
    {
        var organisations = app.Service<OrganisationService>();
        var form = await organisations.LoadAsync(Sanne, Fietsenmakerij);
        Assert.NotNull(form);
        var description = "Wij repareren fietsen. " + JsonBreaker + " " + Markup;
        form.Description = description;
        Assert.Equal(ActionResult.Done, await organisations.UpdateAsync(Sanne, Fietsenmakerij, form));
        return description;
    }

    [Fact]
    public async Task V1_2_1_Markup_typed_into_a_profile_is_shown_as_text_on_the_public_profile_page()
    {
        await DescriptionWithMarkupAsync();
        using var visitor = new KipSession(app.BaseUrl);

        var (page, _) = await visitor.FollowAsync(ProfilePage.UrlFor(Fietsenmakerij));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Wij repareren fietsen.", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V1_2_3_Text_that_would_break_JSON_comes_back_from_the_API_as_one_escaped_string()
    {
        var description = await DescriptionWithMarkupAsync();
        using var visitor = new KipSession(app.BaseUrl);

        using var response = await visitor.GetAsync($"/api/v1/suppliers/{Fietsenmakerij}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(description, json.RootElement.GetProperty("summary").GetString());
        Assert.False(json.RootElement.TryGetProperty("ingevoegd", out _));
        Assert.DoesNotContain("\"},{\"name\":\"ingevoegd\"}", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData(" JaVaScRiPt:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    public async Task V1_2_2_A_website_that_is_not_http_or_https_is_refused_by_the_service_and_never_becomes_a_link(string website)
    {
        var organisations = app.Service<OrganisationService>();
        var form = await organisations.LoadAsync(Sanne, Fietsenmakerij);
        var before = form!.Website;
        form.Website = website;

        var errors = (await organisations.UpdateAsync(Sanne, Fietsenmakerij, form)).FieldErrors;

        Assert.Equal("Register.Error.Website", errors[nameof(RegistrationForm.Website)]);
        Assert.Equal(before, (await organisations.LoadAsync(Sanne, Fietsenmakerij))!.Website);
        using var visitor = new KipSession(app.BaseUrl);
        var (page, _) = await visitor.FollowAsync(ProfilePage.UrlFor(Fietsenmakerij));
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(website.Trim().Split(':')[0] + ":", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task V2_2_2_The_service_refuses_bad_input_sent_past_the_form_and_stores_none_of_it()
    {
        var organisations = app.Service<OrganisationService>();
        var form = await organisations.LoadAsync(Sanne, Fietsenmakerij);
        var name = form!.Name;
        form.Name = new string('a', 201);
        form.PublicEmail = "geen-adres";
        form.Employees = "-5";
        form.FoundedOn = "2999-01-01";
        form.Categories = ["geen-categorie"];

        var errors = (await organisations.UpdateAsync(Sanne, Fietsenmakerij, form)).FieldErrors;

        Assert.Equal(
            [nameof(RegistrationForm.Categories), nameof(RegistrationForm.Employees), nameof(RegistrationForm.FoundedOn), nameof(RegistrationForm.Name), nameof(RegistrationForm.PublicEmail)],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(name, (await organisations.LoadAsync(Sanne, Fietsenmakerij))!.Name);

        // A registration with a KvK number of the wrong shape creates nothing either.
        var registered = await organisations.RegisterAsync(
            SecurityApp.As(DemoPersons.NewEntrepreneur, []),
            new RegistrationForm { Kvk = "1234", Name = "Nep", LegalForm = "eenmanszaak", EstablishedIn = "velsen", ContactName = "Noor", Categories = ["groenvoorziening"] });
        Assert.Equal("Register.Error.KvkFormat", registered.FieldErrors[nameof(RegistrationForm.Kvk)]);
        Assert.False(registered.Succeeded);
        await using var db = await app.Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Organisations.AnyAsync(o => o.Name == "Nep"));
    }

    [Fact]
    public async Task V8_3_1_The_service_checks_ownership_itself_whatever_a_page_sends_it()
    {
        var organisations = app.Service<OrganisationService>();
        var mehmet = SecurityApp.As(DemoPersons.OtherEntrepreneur, [KipRoles.Entrepreneur], DemoPersons.SchoonEnSociaalId);
        var form = await organisations.LoadAsync(Sanne, Fietsenmakerij);
        var name = form!.Name;
        form.Name = "Overgenomen door Mehmet";

        Assert.Equal(ActionResult.NotAllowed, await organisations.UpdateAsync(mehmet, Fietsenmakerij, form));
        Assert.Equal(ActionResult.NotAllowed, await organisations.UpdateAsync(SecurityApp.As(DemoPersons.OtherEntrepreneur, []), Fietsenmakerij, form));

        Assert.Equal(name, (await organisations.LoadAsync(Sanne, Fietsenmakerij))!.Name);
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("fiets%' OR '1'='1")]
    [InlineData("\"; DROP TABLE Organisations; --")]
    [InlineData("fiets\"* OR NEAR(a b) name:*")]
    [InlineData("') UNION SELECT KvkNumber FROM Organisations --")]
    public async Task V1_2_4_Search_text_with_SQL_or_full_text_syntax_is_searched_for_never_run(string text)
    {
        using var visitor = new KipSession(app.BaseUrl);
        await using var db = await app.Service<IDbContextFactory<KipDbContext>>().CreateDbContextAsync();
        var organisations = await db.Organisations.CountAsync();

        using var api = await visitor.GetAsync($"/api/v1/suppliers?query={Uri.EscapeDataString(text)}");
        using var page = await visitor.GetAsync($"/aanbod?query={Uri.EscapeDataString(text)}");
        using var filter = await visitor.GetAsync($"/api/v1/suppliers?municipality={Uri.EscapeDataString("haarlem" + text)}");

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("total").GetInt32() < organisations);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
        Assert.Contains("municipality", await filter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(organisations, await db.Organisations.CountAsync());

        // The quote is dropped, the rest still searches: "fiets" finds De Fietsenmakerij.
        using var found = await visitor.GetAsync($"/api/v1/suppliers?query={Uri.EscapeDataString("fiets\"*")}");
        Assert.Contains("Fietsenmakerij", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V3_2_1_An_evidence_document_is_sent_as_an_attachment_of_its_checked_type_never_rendered_in_the_page()
    {
        var organisations = app.Service<OrganisationService>();
        var admissions = app.Service<AdmissionService>();
        var applications = app.Service<ApplicationService>();
        var registered = await organisations.RegisterAsync(SecurityApp.As(DemoPersons.NewEntrepreneur, []), new RegistrationForm
        {
            Kvk = "87650001",
            Name = "Bewijs en Co",
            LegalForm = "eenmanszaak",
            FoundedOn = "2019-03-01",
            Employees = "0",
            EstablishedIn = "velsen",
            ContactName = "Noor",
            Categories = ["groenvoorziening"],
        });
        Assert.Empty(registered.FieldErrors);
        var id = registered.Value;
        var noor = SecurityApp.As(DemoPersons.NewEntrepreneur, [KipRoles.Entrepreneur], id);
        await admissions.RequestAdmissionAsync(noor, id, "Groen werk voor mensen met afstand tot de arbeidsmarkt.");
        await admissions.DecideAdmissionAsync(SecurityApp.As(DemoPersons.Coordinator, [KipRoles.Coordination]), id, admit: true, null);
        var draft = await applications.OpenDraftAsync(noor, id, start: true);
        byte[] pdf = [.. "%PDF-1.7\n<html><script>alert(1)</script></html>"u8.ToArray()];
        var upload = await app.Service<EvidenceService>().UploadAsync(noor, draft!.Application.Id, CriterionCode.StartupZzp, "bewijs<script>.pdf", new MemoryStream(pdf));
        Assert.True(upload.Succeeded);
        var document = upload.Value;

        using var session = await app.SignedInAsync(DemoPersons.NewEntrepreneur);
        using var response = await session.GetAsync(EvidenceEndpoints.UrlFor(document!.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);

        // The public API is JSON, never a page a browser would run.
        using var api = await session.GetAsync("/api/v1/suppliers?query=%3Cscript%3E");
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task V3_4_2_No_other_site_is_allowed_to_read_KIP_responses_cross_origin()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);
        foreach (var path in new[] { "/api/v1/suppliers", "/inkoop", "/inkoop/export.csv", "/api/v1/criteria" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lotte.BaseUrl, path));
            request.Headers.Add("Origin", "https://evil.example");
            var (response, _) = await lotte.FollowAsync(request);
            using (response)
            {
                Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), path);
                Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"), path);
            }
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri(lotte.BaseUrl, "/api/v1/eligibility-checks"));
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var (answer, _) = await lotte.FollowAsync(preflight);
        using (answer)
        {
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.False(answer.Headers.Contains("Access-Control-Allow-Methods"));
        }
    }

    [Fact]
    public async Task V3_5_1_Forged_cross_site_posts_without_the_antiforgery_token_are_refused()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);

        // A form on another site posting "sign out" (the browser adds the cookie, but not the token).
        using var signOut = await Post(lotte, AccessSetup.LogoutPath, new() { ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        using (var still = await lotte.GetAsync("/inkoop"))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        // A token from another person's page does not fit this browser.
        using var mehmet = await app.SignedInAsync(DemoPersons.OtherEntrepreneur);
        var (page, _) = await mehmet.FollowAsync("/");
        var token = KipSession.Hidden(await page.Content.ReadAsStringAsync(), "__RequestVerificationToken");
        using var borrowed = await Post(lotte, AccessSetup.LogoutPath, new() { ["returnUrl"] = "/", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);

        // Login CSRF: another site signing a visitor in as a demo person of its choice.
        using var visitor = new KipSession(app.BaseUrl);
        using var forcedSignIn = await Post(visitor, KIP.Web.Identity.EmbeddedProvider.SignInPath, new() { ["person"] = DemoPersons.Coordinator.ToString(), ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, forcedSignIn.StatusCode);
        Assert.DoesNotContain(visitor.Cookies.GetAllCookies(), c => c.Name.StartsWith("kip.", StringComparison.Ordinal) && c.Name != "kip.culture");
    }

    [Fact]
    public async Task V3_5_3_Signing_out_or_in_cannot_be_done_with_a_GET_such_as_an_image_or_link_on_another_site()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);

        using var signOut = await lotte.GetAsync(AccessSetup.LogoutPath + "?returnUrl=/");
        using var signIn = await lotte.GetAsync(KIP.Web.Identity.EmbeddedProvider.SignInPath + $"?person={DemoPersons.Coordinator}&returnUrl=/");

        Assert.Contains(signOut.StatusCode, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
        Assert.NotEqual(HttpStatusCode.OK, signIn.StatusCode);
        Assert.False((int)signIn.StatusCode is >= 300 and < 400, "a GET must not complete a sign-in");
        using var still = await lotte.GetAsync("/inkoop");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        using var notCoordinator = await lotte.GetAsync("/coordinatie");
        Assert.NotEqual(HttpStatusCode.OK, notCoordinator.StatusCode);
    }

    [Fact]
    public async Task V4_1_1_Pages_API_problems_CSV_and_health_say_their_type_and_text_says_its_charset()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);
        var expected = new (string Path, string MediaType)[]
        {
            ("/", "text/html"),
            ("/aanbod", "text/html"),
            ("/bestaat-niet", "text/html"),
            ("/api/v1/suppliers", "application/json"),
            ("/api/v1/suppliers/niet-een-id", "application/problem+json"),
            ("/api/v1/openapi.json", "application/json"),
            ("/inkoop/export.csv", "text/csv"),
            ("/health", "text/plain"),
        };
        var failures = new List<string>();
        foreach (var (path, mediaType) in expected)
        {
            using var response = await lotte.GetAsync(path);
            var type = response.Content.Headers.ContentType;
            if (type?.MediaType != mediaType)
            {
                failures.Add($"{path}: {type} instead of {mediaType}");
            }
            else if (mediaType.StartsWith("text/", StringComparison.Ordinal) && !string.Equals(type.CharSet, "utf-8", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{path}: {type} names no charset=utf-8");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task V7_2_1_A_session_cookie_changed_by_one_character_is_refused_by_the_server()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);
        var cookies = lotte.Cookies.GetAllCookies().Where(c => c.Name.StartsWith("kip.session", StringComparison.Ordinal)).ToList();
        var longest = cookies.MaxBy(c => c.Value.Length)!;
        var middle = longest.Value.Length / 2;
        var changed = longest.Value[..middle] + (longest.Value[middle] == 'A' ? 'B' : 'A') + longest.Value[(middle + 1)..];

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        async Task<HttpResponseMessage> WithCookies(string header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/inkoop");
            request.Headers.Add("Cookie", header);
            return await client.SendAsync(request);
        }

        using var genuine = await WithCookies(string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var tampered = await WithCookies(string.Join("; ", cookies.Select(c => $"{c.Name}={(c == longest ? changed : c.Value)}")));
        using var invented = await WithCookies("kip.session=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(300)));

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        foreach (var refused in new[] { tampered, invented })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains(AccessSetup.LoginPath, refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task V7_2_2_Each_sign_in_gets_a_newly_made_session_token_never_a_fixed_one()
    {
        using var first = await app.SignedInAsync(DemoPersons.SroiOfficer);
        using var second = await app.SignedInAsync(DemoPersons.SroiOfficer);

        var one = SecurityApp.SessionCookies(first);
        var two = SecurityApp.SessionCookies(second);

        Assert.False(string.IsNullOrEmpty(one));
        Assert.NotEqual(one, two);
        Assert.True(one.Length > 40, "a session token long enough to carry at least 128 random bits");
    }

    [Fact]
    public async Task V7_2_4_Signing_in_replaces_a_session_cookie_planted_beforehand()
    {
        // An attacker signs in as himself and plants his session cookie in the victim's browser, in the slot KIP's own
        // cookie uses. (Planting it for a parent domain, cookie tossing, is what the __Host- prefix over TLS stops.)
        using var mehmet = await app.SignedInAsync(DemoPersons.OtherEntrepreneur);
        var planted = SecurityApp.SessionCookies(mehmet);
        using var victim = new KipSession(app.BaseUrl);
        foreach (var cookie in mehmet.Cookies.GetAllCookies().Where(c => c.Name.StartsWith("kip.session", StringComparison.Ordinal)))
        {
            victim.Cookies.SetCookies(victim.BaseUrl, $"{cookie.Name}={cookie.Value}; path=/");
        }

        // The victim opens the sign-in and clicks Lotte on the demo page (its own form, not the app bar's sign-out form
        // that the planted session shows on the same page).
        var (demo, demoUrl) = await victim.FollowAsync($"{AccessSetup.LoginPath}?returnUrl=%2F");
        Assert.Equal(KIP.Web.Components.Pages.Account.DemoSignIn.Url, demoUrl.AbsolutePath);
        var form = System.Text.RegularExpressions.Regex.Matches(await demo.Content.ReadAsStringAsync(), "<form method=\"post\" action=\"/connect/demo-signin\">[\\s\\S]*?</form>")
            .Single(m => m.Value.Contains(DemoPersons.SroiOfficer.ToString(), StringComparison.Ordinal)).Value;
        var (signedIn, landed) = await victim.FollowAsync(new HttpRequestMessage(HttpMethod.Post, EmbeddedProvider.SignInPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = KipSession.Hidden(form, "__RequestVerificationToken"),
                ["returnUrl"] = KipSession.Hidden(form, "returnUrl"),
                ["person"] = DemoPersons.SroiOfficer.ToString(),
            }),
        });

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("/", landed.AbsolutePath);
        Assert.NotEqual(planted, SecurityApp.SessionCookies(victim));
        var (page, _) = await victim.FollowAsync("/inkoop");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var user = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"user-name\"[^>]*>([^<]*)<");
        Assert.True(user.Success, "no signed-in user shown");
        Assert.Equal("Lotte Mulder", user.Groups[1].Value.Trim());
    }

    [Theory]
    [InlineData("/.git/HEAD")]
    [InlineData("/.git/config")]
    [InlineData("/.git/index")]
    [InlineData("/.git/")]
    [InlineData("/.svn/entries")]
    [InlineData("/.gitignore")]
    public async Task V13_4_1_Source_control_files_are_not_served(string path)
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);
        using var visitor = new KipSession(app.BaseUrl);

        foreach (var session in new[] { visitor, lotte })
        {
            using var response = await session.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("[core]", body, StringComparison.Ordinal);
            Assert.DoesNotContain("ref: refs/", body, StringComparison.Ordinal);
            Assert.DoesNotContain("bin/", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task V14_2_1_No_token_or_session_value_ever_travels_in_an_address_during_sign_in()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = new Uri(app.BaseUrl) };
        var addresses = new List<Uri>();
        async Task<(HttpResponseMessage, Uri)> Follow(HttpRequestMessage request)
        {
            var url = new Uri(client.BaseAddress!, request.RequestUri!);
            request.RequestUri = url;
            addresses.Add(url);
            var response = await client.SendAsync(request);
            while ((int)response.StatusCode is >= 300 and < 400)
            {
                url = new Uri(url, response.Headers.Location!);
                addresses.Add(url);
                response.Dispose();
                response = await client.GetAsync(url);
            }

            return (response, url);
        }

        var (form, _) = await Follow(new HttpRequestMessage(HttpMethod.Get, $"{AccessSetup.LoginPath}?returnUrl=%2Finkoop"));
        var html = await form.Content.ReadAsStringAsync();
        var (done, end) = await Follow(new HttpRequestMessage(HttpMethod.Post, EmbeddedProvider.SignInPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = KipSession.Hidden(html, "__RequestVerificationToken"),
                ["returnUrl"] = KipSession.Hidden(html, "returnUrl"),
                ["person"] = DemoPersons.SroiOfficer.ToString(),
            }),
        });

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("/inkoop", end.AbsolutePath);
        var secrets = cookies.GetAllCookies().Where(c => c.Value.Length > 20).Select(c => c.Value).ToList();
        Assert.NotEmpty(secrets);
        foreach (var address in addresses.Select(a => a.ToString()))
        {
            foreach (var word in new[] { "access_token", "id_token", "refresh_token", "client_secret", "code_verifier" })
            {
                Assert.DoesNotContain(word, address, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain(secrets, s => address.Contains(s, StringComparison.Ordinal) || address.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal));
        }

        // The one credential in an address is the authorization code, and it works once only (V10.4.2).
        Assert.Single(addresses, a => a.Query.Contains("code=", StringComparison.Ordinal) && a.AbsolutePath.StartsWith("/signin-oidc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task V14_3_1_Signing_out_leaves_no_session_cookie_in_the_browser()
    {
        using var lotte = await app.SignedInAsync(DemoPersons.SroiOfficer);
        Assert.NotEmpty(SecurityApp.SessionCookies(lotte));

        var (page, url) = await lotte.SignOutAsync("/inkoop");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/", url.AbsolutePath);
        var left = lotte.Cookies.GetCookies(lotte.BaseUrl).Select(c => c.Name).ToList();
        Assert.DoesNotContain(left, name => name.StartsWith("kip.session", StringComparison.Ordinal) || name == "kip.provider");
    }

    private static async Task<HttpResponseMessage> Post(KipSession session, string path, Dictionary<string, string> fields)
    {
        var (response, _) = await session.FollowAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });
        return response;
    }
}
