using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Security;

/// <summary>
/// KIP.Web on Kestrel with its own data folder, for the security tests that change data (a profile with markup in it)
/// and so must not share the signed-in collection's app.
/// </summary>
public sealed class SecurityApp : IAsyncLifetime
{
    public KipAppFactory App { get; } = new();

    public string BaseUrl => App.BaseUrl;

    public Task InitializeAsync()
    {
        App.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public T Service<T>()
        where T : notnull => App.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>A person as a service sees them (what the claims transformation makes of a signed-in person).</summary>
    public static ClaimsPrincipal As(Guid person, string[] roles, params Guid[] organisations)
    {
        var claims = new List<Claim> { new(KipClaims.PersonId, person.ToString()), new(KipClaims.Name, "test") };
        claims.AddRange(roles.Select(r => new Claim(KipClaims.Role, r)));
        claims.AddRange(organisations.Select(o => new Claim(KipClaims.Organisation, o.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", KipClaims.Name, KipClaims.Role));
    }

    /// <summary>A new browser signed in as a demo person through the real OpenID Connect flow.</summary>
    public Task<KipSession> SignedInAsync(Guid person) => KipSession.SignedInAsync(BaseUrl, person);

    /// <summary>The session cookie(s) of a browser (the ticket may be split into chunks).</summary>
    public static string SessionCookies(KipSession session) =>
        string.Join("; ", session.Cookies.GetAllCookies().Where(c => c.Name.StartsWith("kip.session", StringComparison.Ordinal))
            .OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{c.Name}={c.Value}"));

    public static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " "));
}
