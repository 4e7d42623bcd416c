using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using KIP.Web.Localization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KIP.Web.Security;

/// <summary>Why a new circuit is refused, or <see cref="None"/>.</summary>
public enum CircuitRefusal
{
    None,
    TooManyForClient,
    ServerFull,
}

/// <summary>
/// Counts the open circuits (each interactive page holds one, with its own server memory) per client — a signed-in
/// person, or a visitor's IP address — and altogether, and refuses a new one beyond <see cref="KipLimitsOptions"/>'s caps.
/// </summary>
public sealed class CircuitLimiter(IOptionsMonitor<KipLimitsOptions> limits)
{
    private readonly ConcurrentDictionary<string, string> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _byClient = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _total;

    public int Total => Volatile.Read(ref _total);

    public int OpenFor(string client) => _byClient.TryGetValue(client, out var count) ? count : 0;

    /// <summary>Whether one more circuit for this client would be refused (the page checks before it renders).</summary>
    public CircuitRefusal Check(string client) => Check(client, slack: 0);

    private CircuitRefusal Check(string client, int slack)
    {
        var options = limits.CurrentValue;
        var cap = client.StartsWith("person:", StringComparison.Ordinal) ? options.CircuitsPerPerson : options.CircuitsPerAddress;
        return Total >= options.CircuitsTotal + slack ? CircuitRefusal.ServerFull
            : OpenFor(client) >= cap + slack ? CircuitRefusal.TooManyForClient
            : CircuitRefusal.None;
    }

    /// <summary>
    /// Counts a new connection of the client, unless a cap is reached. The hub allows one more than the page check:
    /// a page already admitted may connect again before the server has seen its first connection end (a transport
    /// falling back, a busy server), and it should not then show a broken page; a client that skips the page check
    /// and opens connections by itself still stops one above the cap.
    /// </summary>
    public CircuitRefusal TryOpen(string connectionId, string client)
    {
        lock (_gate)
        {
            var refusal = Check(client, slack: 1);
            if (refusal != CircuitRefusal.None)
            {
                return refusal;
            }

            _byConnection[connectionId] = client;
            _byClient.AddOrUpdate(client, 1, (_, count) => count + 1);
            _total++;
            return CircuitRefusal.None;
        }
    }

    public void Close(string connectionId)
    {
        lock (_gate)
        {
            if (!_byConnection.TryRemove(connectionId, out var client))
            {
                return;
            }

            _total--;
            if (_byClient.AddOrUpdate(client, 0, (_, count) => count - 1) <= 0)
            {
                _byClient.TryRemove(client, out _);
            }
        }
    }
}

/// <summary>The circuit hub's gatekeeper: a connection beyond the caps is refused before a circuit is built for it.</summary>
public sealed class CircuitCapFilter(CircuitLimiter limiter, ILogger<CircuitCapFilter> logger) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.Context.GetHttpContext();
        var client = http is null ? "unknown" : RateLimits.ClientOf(http);
        var refusal = limiter.TryOpen(context.Context.ConnectionId, client);
        if (refusal != CircuitRefusal.None)
        {
            logger.LogWarning("Circuit refused ({Refusal}) for {Client}: {Open} open for this client, {Total} in all", refusal, client, limiter.OpenFor(client), limiter.Total);
            throw new HubException(refusal == CircuitRefusal.ServerFull ? "KIP is op dit moment te druk." : "Te veel geopende pagina's.");
        }

        try
        {
            await next(context);
        }
        catch
        {
            limiter.Close(context.Context.ConnectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context, exception);
        }
        finally
        {
            limiter.Close(context.Context.ConnectionId);
        }
    }
}

/// <summary>The circuit caps and the hub's Origin check, wired into the app.</summary>
public static class CircuitLimits
{
    /// <summary>Blazor's hub: negotiate, the WebSocket and the fallback transports.</summary>
    public const string HubPath = "/_blazor";

    public static IServiceCollection AddKipCircuitLimits(this IServiceCollection services)
    {
        services.AddSingleton<CircuitLimiter>();
        services.AddSingleton<CircuitCapFilter>();
        services.Configure<HubOptions>(hub => hub.AddFilter<CircuitCapFilter>());
        return services;
    }

    /// <summary>
    /// A hub request from a page of another origin (a cross-site WebSocket) is refused with 403; one without an Origin
    /// (not a browser) passes. A page asked for while the client is at its cap gets a plain Dutch page (503) instead
    /// of an interactive page whose circuit would be refused.
    /// </summary>
    public static WebApplication UseKipCircuitLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var publicUrl = app.Services.GetRequiredService<IOptions<Settings.KipOptions>>().Value.PublicAddress;
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsSameOrigin(http, publicUrl))
                {
                    // With a body of its own, so the status-code pages do not turn it into another page.
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync("Een verbinding vanaf een andere site wordt geweigerd. / A connection from another site is refused.");
                    return;
                }
            }
            else if (IsPageRequest(http)
                && http.RequestServices.GetRequiredService<CircuitLimiter>().Check(RateLimits.ClientOf(http)) is var refusal and not CircuitRefusal.None)
            {
                await WriteRefusalPageAsync(http, refusal);
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>The Origin header, when present, is this request's own origin (or the configured public address).</summary>
    public static bool IsSameOrigin(HttpContext http, Uri? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        var own = $"{http.Request.Scheme}://{http.Request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || (publicUrl is not null && string.Equals(origin, publicUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A page that would start a circuit: not Blazor's enhanced navigation (a tab that already has its circuit).</summary>
    private static bool IsPageRequest(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method)
        && http.Request.Headers.Accept.ToString() is var accept
        && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !accept.Contains("blazor-enhanced-nav", StringComparison.OrdinalIgnoreCase)
        && !Path.HasExtension(http.Request.Path.Value)
        && !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteRefusalPageAsync(HttpContext http, CircuitRefusal refusal)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var (title, detail) = refusal == CircuitRefusal.ServerFull
            ? (text["Limits.Circuits.ServerFull.Title"].Value, text["Limits.Circuits.ServerFull.Detail"].Value)
            : (text["Limits.Circuits.TooMany.Title"].Value, text["Limits.Circuits.TooMany.Detail"].Value);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "30";
        http.Response.ContentType = "text/html; charset=utf-8";
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        await http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{language}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0"><title>{WebUtility.HtmlEncode(title)} — KIP</title><link rel="icon" type="image/svg+xml" href="{http.Request.PathBase}/favicon.svg"></head>
            <body>
            <main>
            <h1>{WebUtility.HtmlEncode(title)}</h1>
            <p>{WebUtility.HtmlEncode(detail)}</p>
            <p><a href="{WebUtility.HtmlEncode(http.Request.PathBase + http.Request.Path + http.Request.QueryString)}">{WebUtility.HtmlEncode(text["Limits.Circuits.TryAgain"].Value)}</a></p>
            </main>
            </body>
            </html>
            """);
    }
}
