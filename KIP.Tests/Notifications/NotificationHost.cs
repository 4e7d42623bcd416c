using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Notifications;
using KIP.Web.Settings;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Notifications;

/// <summary>
/// The notification services of KIP.Web on their own: a real migrated SQLite file (no demo data, a copy of the run's
/// <see cref="TemplateDatabase.Schema"/>), a
/// <see cref="FakeTimeProvider"/>, and the mail transport chosen by configuration as in the app.
/// </summary>
public sealed class NotificationHost : IAsyncDisposable
{
    private NotificationHost(DateTimeOffset start, IDictionary<string, string?>? settings, string environment, IInterceptor[] interceptors)
    {
        Folder = Directory.CreateTempSubdirectory("kip-notify-").FullName;
        Time = new FakeTimeProvider(start);
        var values = new Dictionary<string, string?>
        {
            ["Kip:DataFolder"] = Folder,
            ["Kip:PublicUrl"] = "https://kip.example.nl",
            ["Kip:Mail:From"] = "KIP <kip@kip.example.nl>",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var host = new TestEnvironment(environment, Folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(host);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(new KipDataFolder(Folder));
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder, "kip.db"), DefaultTimeout = 30 }.ToString();
        services.AddPooledDbContextFactory<KipDbContext>(options => options.UseSqlite(connection).AddInterceptors(interceptors));
        services.AddKipNotifications(services.AddKipSettings(configuration).Get<KipMailOptions>(), host);
        Services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public IDbContextFactory<KipDbContext> Db => Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public RecognitionReminderJob Job => Services.GetRequiredService<RecognitionReminderJob>();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    public static async Task<NotificationHost> StartAsync(
        DateOnly today, IDictionary<string, string?>? settings = null, string environment = "Development", params IInterceptor[] interceptors)
    {
        var host = new NotificationHost(At(today), settings, environment, interceptors);
        TemplateDatabase.CopyInto(host.Folder, TemplateDatabase.Schema());
        await using var db = await host.Db.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        return host;
    }

    /// <summary>Mid-morning in Amsterdam on <paramref name="date"/>.</summary>
    public static DateTimeOffset At(DateOnly date) => new(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    public DateOnly Today => AmsterdamCalendar.Today(Time);

    /// <summary>Moves the clock forward to <paramref name="date"/>.</summary>
    public void GoTo(DateOnly date) => Time.SetUtcNow(At(date));

    /// <summary>An admitted organisation with the given members, recognised from <paramref name="from"/> on PSO 30+ until <paramref name="validUntil"/>.</summary>
    public async Task<Guid> OrganisationAsync(string name, DateOnly from, DateOnly? validUntil, params (string Name, string Email)[] members)
    {
        var id = Guid.NewGuid();
        var kvk = Random.Shared.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var organisation = Organisation.Register(id, KvkNumber.Parse(kvk), name, LegalForm.Bv, Municipality.Haarlem);
        organisation.RequestAdmission("Werk voor mensen met afstand tot de arbeidsmarkt in Haarlem.");
        organisation.Admit(from);
        if (validUntil is { } until)
        {
            organisation.Accept(CriterionCode.Pso30Plus, from, until, null);
        }
        else
        {
            organisation.Accept(CriterionCode.SocialEnterpriseNl, from, null, null);
        }

        await using var db = await Db.CreateDbContextAsync();
        db.Organisations.Add(organisation);
        foreach (var (memberName, email) in members)
        {
            var person = new Person { Id = Guid.NewGuid(), Name = memberName, Email = email, Roles = [KipRoles.Entrepreneur] };
            db.Persons.Add(person);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = id, PersonId = person.Id, Since = Time.GetUtcNow() });
        }

        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Changes the stored organisation through KIP.Domain.</summary>
    public async Task ChangeAsync(Guid id, Action<Organisation> change)
    {
        await using var db = await Db.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == id);
        change(organisation);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        KipAppFactory.TryDelete(Folder);
    }

    private sealed class TestEnvironment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "KIP.Web";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
