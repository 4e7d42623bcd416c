using System.Net;
using System.Text.Json;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;

namespace KIP.Tests.Security;

/// <summary>
/// Rate limits (ASVS 5.0 V2.4.1): the public API, signing in and shared shortlist links answer 429 with
/// <c>Retry-After</c> and a Dutch problem+json once a client has used its share; a signed-in person has a bucket of
/// their own. Each test runs its own app with low limits set by configuration, as an operator would.
/// </summary>
public sealed class RateLimitTests
{
    private static KipAppFactory App(int api = 1_000_000, int signIn = 1_000_000, int share = 1_000_000) => new(new Dictionary<string, string?>
    {
        ["Kip:Limits:Api:PermitLimit"] = api.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kip:Limits:Api:WindowSeconds"] = "60",
        ["Kip:Limits:SignIn:PermitLimit"] = signIn.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kip:Limits:Share:PermitLimit"] = share.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Te veel verzoeken", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains($"Probeer het over {retryAfter.Value.TotalSeconds:0} seconde", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2_4_1_The_public_API_answers_429_with_Retry_After_and_a_Dutch_problem_after_the_limit()
    {
        await using var app = App(api: 5);
        using var client = app.CreateHttpClient();
        for (var i = 1; i <= 5; i++)
        {
            using var ok = await client.GetAsync(new Uri("/api/v1/suppliers?q=fiets", UriKind.Relative));
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"call {i}: {ok.StatusCode}");
        }

        using var refused = await client.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative));
        await AssertTooManyAsync(refused);
        Assert.Equal("1.0.0", refused.Headers.GetValues("API-Version").Single());

        // Pages and the health check are not part of the API's limit.
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var page = await client.GetAsync(new Uri("/aanbod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task V2_4_1_A_signed_in_person_has_a_bucket_of_their_own_apart_from_the_address_and_other_people()
    {
        await using var app = App(api: 3);
        using var anonymous = app.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            (await anonymous.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative))).Dispose();
        }

        await AssertTooManyAsync(await anonymous.GetAsync(new Uri("/api/v1/criteria", UriKind.Relative)));

        // Lotte, signed in from the same address, still has her own three calls, then is refused too.
        using var lotte = new KipSession(app.BaseUrl);
        await lotte.SignInAsDemoAsync(DemoPersons.SroiOfficer, "/inkoop");
        for (var i = 1; i <= 3; i++)
        {
            using var ok = await lotte.GetAsync("/api/v1/criteria");
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"Lotte's call {i}: {ok.StatusCode}");
        }

        await AssertTooManyAsync(await lotte.GetAsync("/api/v1/criteria"));

        // Ahmed is not held back by Lotte's use.
        using var ahmed = new KipSession(app.BaseUrl);
        await ahmed.SignInAsDemoAsync(DemoPersons.Coordinator, "/coordinatie");
        using var his = await ahmed.GetAsync("/api/v1/criteria");
        Assert.Equal(HttpStatusCode.OK, his.StatusCode);
    }

    [Fact]
    public async Task V2_4_1_Sign_in_endpoints_and_shared_shortlist_links_are_limited_too()
    {
        await using var app = App(signIn: 4, share: 3);
        using var client = app.CreateHttpClient();
        for (var i = 1; i <= 4; i++)
        {
            using var login = await client.GetAsync(new Uri("/authentication/login?returnUrl=%2Finkoop", UriKind.Relative));
            Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"sign-in {i}: {login.StatusCode}");
        }

        await AssertTooManyAsync(await client.GetAsync(new Uri("/authentication/login?returnUrl=%2Finkoop", UriKind.Relative)));
        await AssertTooManyAsync(await client.GetAsync(new Uri("/connect/authorize?client_id=kip-web", UriKind.Relative)));

        // Guessing shared links: after three tries the address waits.
        for (var i = 1; i <= 3; i++)
        {
            using var guess = await client.GetAsync(new Uri($"/gedeeld/geraden-{i}", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, guess.StatusCode);
        }

        await AssertTooManyAsync(await client.GetAsync(new Uri("/gedeeld/geraden-4", UriKind.Relative)));
    }
}
