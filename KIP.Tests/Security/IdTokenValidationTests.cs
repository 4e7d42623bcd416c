using System.Net;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Identity;

namespace KIP.Tests.Security;

/// <summary>
/// KIP as an OpenID Connect client, handed forged ID tokens by its authority's token endpoint (ASVS 5.0 V9.1, V9.2:
/// self-contained tokens). Each test first signs in with a genuine token, so a refusal is the forgery's, not a broken set-up.
/// </summary>
public sealed class IdTokenValidationTests : IAsyncLifetime
{
    private readonly ForgingOidcProvider _authority = new();
    private KipAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        await _authority.StartAsync();
        _app = new KipAppFactory(new Dictionary<string, string?>
        {
            ["Kip:Auth:Schemes:vervalst:DisplayName"] = "Vervalste authority",
            ["Kip:Auth:Schemes:vervalst:Authority"] = _authority.Issuer,
            ["Kip:Auth:Schemes:vervalst:ClientId"] = ForgingOidcProvider.ClientId,
            ["Kip:Auth:Schemes:vervalst:ClientSecret"] = ForgingOidcProvider.ClientSecret,
            ["Kip:Auth:Schemes:vervalst:RequireHttpsMetadata"] = "false",
        });
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _authority.DisposeAsync();
    }

    /// <summary>Signs in through the authority; true when KIP accepted the ID token and opened the page asked for.</summary>
    private async Task<bool> SignInAsync(Forgery forgery)
    {
        _authority.Next = forgery;
        _authority.Subject = $"vervalst-{forgery}";
        using var session = new KipSession(_app.BaseUrl);
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
