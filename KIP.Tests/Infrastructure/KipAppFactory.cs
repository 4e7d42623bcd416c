using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// KIP.Web on real Kestrel on a free loopback port, with its own data folder (a real SQLite file, demo data).
/// Real Kestrel, not the in-memory TestServer, so a browser and the OIDC back channel can reach it.
/// The database starts as a copy of the run's <see cref="TemplateDatabase"/> where the app would seed the same data.
/// </summary>
public sealed class KipAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="configure">A last say over the host, e.g. <c>ConfigureTestServices</c> to fake the clock.</param>
    public KipAppFactory(IDictionary<string, string?>? settings = null, string environment = "Development", Action<IWebHostBuilder>? configure = null)
    {
        _configure = configure;
        Port = FreePort();
        DataFolder = Directory.CreateTempSubdirectory("kip-test-").FullName;
        Environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["Kip:DataFolder"] = DataFolder,
            ["Kip:PublicUrl"] = BaseUrl,
        };
        foreach (var (key, value) in UnlimitedForTests)
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(Port);
        if (TemplateFor(environment, _settings) is { } template)
        {
            TemplateDatabase.CopyInto(DataFolder, template);
        }
    }

    /// <summary>
    /// The run's template that holds exactly what the app would make of a new database with these settings:
    /// in Development with the default database, the demo data (a clock faked to start today seeds the same), or
    /// none with <c>Kip:DemoData=false</c>. Anything else (another environment or database) migrates and seeds itself.
    /// </summary>
    internal static string? TemplateFor(string environment, IReadOnlyDictionary<string, string?> settings)
    {
        if (environment != "Development" || settings.ContainsKey("ConnectionStrings:Kip")
            || settings.Keys.Any(key => key.StartsWith("Kip:Database:", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (!settings.TryGetValue("Kip:DemoData", out var demo) || demo is null)
        {
            return TemplateDatabase.WithDemoData();
        }

        return bool.TryParse(demo, out var on) ? (on ? TemplateDatabase.WithDemoData() : TemplateDatabase.Schema()) : null;
    }

    /// <summary>
    /// Every test of a run comes from 127.0.0.1 and signs in often: the rate limits and circuit caps
    /// (<c>Kip:Limits</c>) are raised far above what a run needs. Tests of the limits themselves set lower ones.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> UnlimitedForTests = new Dictionary<string, string>
    {
        ["Kip:Limits:Api:PermitLimit"] = "1000000",
        ["Kip:Limits:SignIn:PermitLimit"] = "1000000",
        ["Kip:Limits:Share:PermitLimit"] = "1000000",
        ["Kip:Limits:CircuitsPerPerson"] = "100000",
        ["Kip:Limits:CircuitsPerAddress"] = "100000",
        ["Kip:Limits:CircuitsTotal"] = "100000",
    };

    public int Port { get; }

    public string DataFolder { get; }

    public string Environment { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("urls", BaseUrl);

        // Host settings, not ConfigureAppConfiguration: Program reads the data folder and public URL while
        // building, before app configuration from the factory would be applied.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        _configure?.Invoke(builder);
    }

    public HttpClient CreateHttpClient(bool followRedirects = false)
    {
        StartServer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true })
        {
            BaseAddress = new Uri(BaseUrl),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TryDelete(DataFolder);
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite's pool; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
