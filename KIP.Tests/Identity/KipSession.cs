using System.Net;
using System.Text.RegularExpressions;
using KIP.Web.Identity;

namespace KIP.Tests.Identity;

/// <summary>
/// A person at a browser, over plain HTTP: keeps cookies and follows redirects itself, so a test sees every
/// hop of the real OpenID Connect flow. There is no test-only sign-in in the app; this drives the real one.
/// </summary>
public sealed partial class KipSession : IDisposable
{
    private readonly HttpClient _client;

    public KipSession(string baseUrl)
    {
        BaseUrl = new Uri(baseUrl);
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseUrl { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every <c>Location</c> header this session was sent to, as the server wrote it, oldest first.</summary>
    public List<string> Locations { get; } = [];

    /// <summary>One request, no redirect followed.</summary>
    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));

    /// <summary>A request and every redirect after it; returns the last response and the address it came from.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(HttpRequestMessage request)
    {
        var url = new Uri(BaseUrl, request.RequestUri!);
        request.RequestUri = url;
        var response = await _client.SendAsync(request);
        for (var hop = 0; hop < 20 && (int)response.StatusCode is >= 300 and < 400; hop++)
        {
            Locations.Add(response.Headers.TryGetValues("Location", out var raw) ? string.Join(",", raw) : string.Empty);
            url = new Uri(url, response.Headers.Location!);
            response.Dispose();
            response = await _client.GetAsync(url);
        }

        return (response, url);
    }

    public Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(string url) => FollowAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.RelativeOrAbsolute)));

    /// <summary>Through <c>/authentication/login</c>, the embedded provider's Dutch form (choosing a demo person) and back.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> SignInAsDemoAsync(Guid person, string returnUrl = "/")
    {
        var (page, url) = await FollowAsync($"{AccessSetup.LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(KIP.Web.Components.Pages.Account.DemoSignIn.Url, url.AbsolutePath);
        var html = await page.Content.ReadAsStringAsync();
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(html, "__RequestVerificationToken"),
            ["returnUrl"] = Hidden(html, "returnUrl"),
            ["person"] = person.ToString(),
        };
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, EmbeddedProvider.SignInPath) { Content = new FormUrlEncodedContent(form) });
    }

    /// <summary>
    /// The one HTTP sign-in helper: a new session on <paramref name="baseUrl"/>, signed in as <paramref name="person"/>
    /// through the real flow, on <paramref name="page"/>. Tests of the sign-in itself call <see cref="SignInAsDemoAsync"/>.
    /// </summary>
    public static async Task<KipSession> SignedInAsync(string baseUrl, Guid person, string page = "/")
    {
        var session = new KipSession(baseUrl);
        var (response, url) = await session.SignInAsDemoAsync(person, page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(page, url.AbsolutePath);
        return session;
    }

    /// <summary>The sign-out form in the app bar of a page: a POST with its antiforgery token.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> SignOutAsync(string fromPage = "/", string returnUrl = "/")
    {
        var (page, _) = await FollowAsync(fromPage);
        var html = await page.Content.ReadAsStringAsync();
        var form = SignOutForm().Match(html);
        Assert.True(form.Success, "no sign-out form on " + fromPage);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Hidden(form.Value, "__RequestVerificationToken"),
            ["returnUrl"] = returnUrl,
        };
        return await FollowAsync(new HttpRequestMessage(HttpMethod.Post, AccessSetup.LogoutPath) { Content = new FormUrlEncodedContent(fields) });
    }

    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden field {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form class=\"kip-signout\"[\\s\\S]*?</form>")]
    private static partial Regex SignOutForm();
}
