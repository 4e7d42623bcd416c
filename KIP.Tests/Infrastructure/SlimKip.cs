using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using KIP.Web.Live;
using KIP.Web.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using MudBlazor.Services;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// KIP.Web's services for a component test, without starting the app: a clock (the test's fake one, or the system's),
/// localization, KIP's storage on a copy of the run's <see cref="TemplateDatabase"/> (demo data) in its own temporary
/// folder, and the services the components use (live sessions, entrepreneurs, notifications), registered by the same
/// setup methods as in Program. No Kestrel, no hosted jobs, no sign-in: a bunit test renders its component with what
/// it takes from <see cref="Services"/> and its own MudBlazor services and JS interop (<see cref="AddComponentBasics"/>).
/// </summary>
public sealed class SlimKip : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="time">The clock every service reads; a fake one must start today (the template's demo dates).</param>
    /// <param name="configure">A last say over the services, e.g. a silenced <see cref="ISessionNotifier"/>.</param>
    public SlimKip(TimeProvider? time = null, Action<IServiceCollection>? configure = null)
    {
        DataFolder = Directory.CreateTempSubdirectory("kip-slim-").FullName;
        TemplateDatabase.CopyInto(DataFolder, TemplateDatabase.WithDemoData());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kip:DataFolder"] = DataFolder,
            ["Kip:PublicUrl"] = "http://127.0.0.1",
        }).Build();
        var environment = new SlimEnvironment(DataFolder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddKipStorage(configuration, environment);
        services.AddKipLiveSessions();
        services.AddEntrepreneurs();
        services.AddKipNotifications(configuration, environment);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public string DataFolder { get; }

    public IDbContextFactory<KipDbContext> Db => Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    /// <summary>What every KIP component needs in a bunit context: loose JS interop, MudBlazor's services, the texts.</summary>
    public static void AddComponentBasics(Bunit.BunitContext context)
    {
        context.JSInterop.Mode = Bunit.JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    public async ValueTask DisposeAsync()
    {
        string? connection;
        await using (var db = await Db.CreateDbContextAsync())
        {
            connection = db.Database.GetConnectionString();
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(connection));
        KipAppFactory.TryDelete(DataFolder);
    }

    private sealed class SlimEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "KIP.Web";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
