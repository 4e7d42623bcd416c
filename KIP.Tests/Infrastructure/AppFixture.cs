using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Infrastructure;

/// <summary>One running KIP.Web (Development, demo data, its own SQLite file) shared by the integration tests of a collection.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public KipAppFactory App { get; } = new();

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
