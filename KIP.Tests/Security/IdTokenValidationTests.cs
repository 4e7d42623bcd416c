using System.Net;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Identity;

namespace KIP.Tests.Security;

/// <summary>KIP.Web with the forging authority as a sign-in scheme, one for all the forgeries: each test says which comes next.</summary>
public sealed class ForgedTokenApp : IAsyncLifetime
{
    public ForgingOidcProvider Authority { get; } = new();

    public KipAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Authority.StartAsync();
        App = new KipAppFactory(new Dictionary<string, string?>
        {
            ["Kip:Auth:Schemes:vervalst:DisplayName"] = "Vervalste authority",
            ["Kip:Auth:Schemes:vervalst:Authority"] = Authority.Issuer,
            ["Kip:Auth:Schemes:vervalst:ClientId"] = ForgingOidcProvider.ClientId,
            ["Kip:Auth:Schemes:vervalst:ClientSecret"] = ForgingOidcProvider.ClientSecret,
            ["Kip:Auth:Schemes:vervalst:RequireHttpsMetadata"] = "false",
        });
        App.StartServer();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

/// <summary>
/// KIP as an OpenID Connect client, handed forged ID tokens by its authority's token endpoint (ASVS 5.0 V9.1, V9.2:
/// self-contained tokens). Each test first signs in with a genuine token, so a refusal is the forgery's, not a broken set-up.
/// </summary>
public sealed class IdTokenValidationTests(ForgedTokenApp app) : IClassFixture<ForgedTokenApp>
{
    /// <summary>Signs in through the authority; true when KIP accepted the ID token and opened the page asked for.</summary>
    private async Task<bool> SignInAsync(Forgery forgery)
    {
        app.Authority.Next = forgery;
        app.Authority.Subject = $"vervalst-{forgery}";
        using var session = new KipSession(app.App.BaseUrl);
        var (response, url) = await session.FollowAsync($"{AccessSetup.LoginPath}?scheme=vervalst&returnUrl=%2Fmijn-organisatie");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signedIn = url.AbsolutePath == "/mijn-organisatie";
        if (!signedIn)
        {
            Assert.Equal(AccessSetup.SignInFailedUrl, url.PathAndQuery);
            Assert.DoesNotContain(session.Cookies.GetAllCookies(), c => c.Name.StartsWith("kip.session", StringComparison.Ordinal));
        }

        return signedIn;
    }

    [Fact]
    public async Task V9_1_1_An_ID_token_signed_with_a_key_the_authority_does_not_publish_is_refused()
    {
        Assert.True(await SignInAsync(Forgery.None));
        Assert.False(await SignInAsync(Forgery.ForeignKey));
    }

    [Theory]
    [InlineData(Forgery.WithoutSignature)]
    [InlineData(Forgery.HmacWithClientSecret)]
    public async Task V9_1_2_An_unsigned_or_symmetrically_signed_ID_token_is_refused(Forgery forgery)
    {
        Assert.True(await SignInAsync(Forgery.None));
        Assert.False(await SignInAsync(forgery));
    }

    [Fact]
    public async Task V9_1_3_A_key_offered_in_the_token_header_is_never_trusted()
    {
        Assert.True(await SignInAsync(Forgery.None));
        Assert.False(await SignInAsync(Forgery.KeyInHeader));
    }

    [Theory]
    [InlineData(Forgery.Expired)]
    [InlineData(Forgery.NotYetValid)]
    public async Task V9_2_1_An_ID_token_outside_its_validity_time_is_refused(Forgery forgery)
    {
        Assert.True(await SignInAsync(Forgery.None));
        Assert.False(await SignInAsync(forgery));
    }
}
