using System.Net;
using KIP.Web.Settings;
using Microsoft.Extensions.Options;

namespace KIP.Web.Identity;

/// <summary>
/// <c>Kip:ForwardedHeaders</c>: behind a reverse proxy, KIP takes the browser's scheme and host from
/// X-Forwarded-Proto/-Host/-For, only from the proxies named (besides this machine).
/// </summary>
public sealed class KipForwardedHeadersOptions : IKipSettings<KipForwardedHeadersOptions>
{
    public static string Section => "Kip:ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>The proxies' IP addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>The proxies' networks, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public static void Check(KipForwardedHeadersOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < settings.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(settings.KnownProxies[i], out _))
            {
                errors.Add($"{Section}:{nameof(KnownProxies)}:{i}", settings.KnownProxies[i], "een IP-adres zoals 10.0.0.5.", "an IP address like 10.0.0.5.");
            }
        }

        for (var i = 0; i < settings.KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(settings.KnownNetworks[i], out _))
            {
                errors.Add($"{Section}:{nameof(KnownNetworks)}:{i}", settings.KnownNetworks[i], "een netwerk zoals 10.0.0.0/8.", "a network like 10.0.0.0/8.");
            }
        }
    }

    /// <summary>ASP.NET Core's options for these settings, or null when not enabled.</summary>
    public ForwardedHeadersOptions? ToForwardedHeaders()
    {
        if (!Enabled)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost,
        };
        foreach (var proxy in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }
}

public static class ForwardedHeadersSetup
{
    /// <summary>Copies the checked <c>Kip:ForwardedHeaders</c> into ASP.NET Core's options, when enabled.</summary>
    public static IServiceCollection AddKipForwardedHeaders(this IServiceCollection services, KipForwardedHeadersOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ToForwardedHeaders() is { } forwarded)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = forwarded.ForwardedHeaders;
                foreach (var proxy in forwarded.KnownProxies)
                {
                    o.KnownProxies.Add(proxy);
                }

                foreach (var network in forwarded.KnownIPNetworks)
                {
                    o.KnownIPNetworks.Add(network);
                }
            });
        }

        return services;
    }

    /// <summary>First in the pipeline: the proxy's forwarded headers, only when <c>Kip:ForwardedHeaders:Enabled</c>.</summary>
    public static WebApplication UseKipForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<KipForwardedHeadersOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
