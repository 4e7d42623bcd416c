using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace KIP.Web.Identity;

/// <summary>
/// Without <c>Kip:PublicUrl</c>, the embedded provider lives wherever the browser reached KIP: its issuer is the
/// request's scheme, host and path base (OpenIddict infers it per request; behind a proxy the forwarded headers,
/// when KIP is told to honour them, make that the public address). These pieces make KIP's own OpenID Connect
/// client follow that address too (sign-in on <c>--urls http://127.0.0.1:5301</c> answered a 500).
/// </summary>
public static class RequestOrigin
{
    /// <summary>The origin the browser sees for this request, e.g. <c>http://127.0.0.1:5301</c> (with the path base).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}".TrimEnd('/');
    }
}

/// <summary>
/// The OpenID Connect client's metadata per origin: one cached <see cref="ConfigurationManager{T}"/> per browser
/// address, read through <see cref="SelfBackchannelHandler"/> (so always from this very app, never from a host a
/// request header names). Not a <c>BaseConfigurationManager</c>, so the handler validates tokens against the
/// issuer and keys of the request's own origin.
/// </summary>
public sealed class PerOriginConfigurationManager(IHttpContextAccessor accessor, HttpClient backchannel) : IConfigurationManager<OpenIdConnectConfiguration>
{
    private const int MaxOrigins = 32;
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.OrdinalIgnoreCase);

    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var request = accessor.HttpContext?.Request
            ?? throw new InvalidOperationException("The sign-in configuration is read per request, but there is no request.");
        var origin = RequestOrigin.Of(request);
        if (_managers.Count >= MaxOrigins && !_managers.ContainsKey(origin))
        {
            _managers.Clear(); // many host names (a scan): start over rather than grow
        }

        var manager = _managers.GetOrAdd(origin, o => new ConfigurationManager<OpenIdConnectConfiguration>(
            $"{o}/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(backchannel) { RequireHttps = false }));
        return manager.GetConfigurationAsync(cancel);
    }

    public void RequestRefresh()
    {
        foreach (var manager in _managers.Values)
        {
            manager.RequestRefresh();
        }
    }
}

/// <summary>
/// Sends the client's server-to-server calls (metadata, token) to this app's own listening address, keeping the
/// browser's host in the <c>Host</c> header (and its scheme in <c>X-Forwarded-Proto</c>), so the embedded provider
/// answers for the same origin the browser used. Nothing leaves the machine, whatever a Host header says.
/// KIP should listen on plain http behind its proxy (or on https with a certificate valid for the loopback address).
/// </summary>
public sealed class SelfBackchannelHandler(IServer server) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.RequestUri ?? throw new InvalidOperationException("No request URI.");
        var self = OwnAddress();
        request.Headers.Host = target.IsDefaultPort ? target.Host : $"{target.Host}:{target.Port}";
        if (!string.Equals(target.Scheme, self.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Remove("X-Forwarded-Proto");
            request.Headers.Add("X-Forwarded-Proto", target.Scheme);
        }

        request.RequestUri = new UriBuilder(target) { Scheme = self.Scheme, Host = self.Host, Port = self.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The first address Kestrel listens on, plain http preferred, a wildcard host read as loopback.</summary>
    private Uri OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("KIP does not know its own listening address yet.");
        var wildcard = chosen.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return new Uri(wildcard);
    }
}

/// <summary>
/// Without <c>Kip:PublicUrl</c> KIP cannot list its redirect URIs in advance: its own client may return to the
/// callback on the very origin the authorization request came to (the browser's address), and nowhere else.
/// With a public URL the registered URIs count, as for any client.
/// </summary>
public sealed class SameOriginApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    Microsoft.Extensions.Options.IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IHttpContextAccessor accessor,
    KipIssuer issuer)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default) =>
        await base.ValidateRedirectUriAsync(application, uri, cancellationToken)
        || await IsOwnCallbackAsync(application, uri, AccessSetup.CallbackPath(EmbeddedProvider.SchemeName), cancellationToken);

    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(OpenIddictEntityFrameworkCoreApplication application, string uri, CancellationToken cancellationToken = default) =>
        await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken)
        || await IsOwnCallbackAsync(application, uri, AccessSetup.SignedOutCallbackPath(EmbeddedProvider.SchemeName), cancellationToken);

    /// <summary>An end-session request names no client, only where to return: KIP's own sign-out callback on this origin is KIP's.</summary>
    public override async IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByPostLogoutRedirectUriAsync(
        string uri, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var found = false;
        await foreach (var application in base.FindByPostLogoutRedirectUriAsync(uri, cancellationToken))
        {
            found = true;
            yield return application;
        }

        if (!found && IsOwnOrigin(uri, AccessSetup.SignedOutCallbackPath(EmbeddedProvider.SchemeName))
            && await FindByClientIdAsync(EmbeddedProvider.ClientId, cancellationToken) is { } own)
        {
            yield return own;
        }
    }

    private bool IsOwnOrigin(string uri, string path) =>
        issuer.FollowsRequest
        && accessor.HttpContext?.Request is { } request
        && string.Equals(uri, RequestOrigin.Of(request) + path, StringComparison.Ordinal);

    private async ValueTask<bool> IsOwnCallbackAsync(OpenIddictEntityFrameworkCoreApplication application, string uri, string path, CancellationToken cancellationToken) =>
        IsOwnOrigin(uri, path) && await GetClientIdAsync(application, cancellationToken) == EmbeddedProvider.ClientId;
}

/// <summary>Where the embedded provider's issuer comes from: <c>Kip:PublicUrl</c>, or (without it) each request's origin.</summary>
public sealed record KipIssuer(Uri? PublicUrl)
{
    public bool FollowsRequest => PublicUrl is null;
}
