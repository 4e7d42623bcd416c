using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Infrastructure;

/// <summary>One running KIP.Web (Development, demo data, its own SQLite file) shared by the integration tests of a collection.</summary>
public class AppFixture : IAsyncLifetime
{
    public AppFixture()
        : this(null)
    {
    }

    /// <param name="settings">The app's settings, e.g. another database (<see cref="PostgresAppFixture"/>).</param>
    protected AppFixture(IDictionary<string, string?>? settings) => App = new KipAppFactory(settings);

    public KipAppFactory App { get; }

    public IDbContextFactory<KipDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<KipDbContext>>();

    public Task InitializeAsync()
    {
        App.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => App.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>The same app on its own database of the run's scratch PostgreSQL (<see cref="PostgresServer"/>), one per test class.</summary>
public sealed class PostgresAppFixture() : AppFixture(PostgresServer.AppSettings("app"));
