using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KIP.Web.Data.Postgres;

/// <summary>
/// KIP's context on PostgreSQL: the same model as <see cref="KipDbContext"/>, its own type so that its migrations
/// (<c>Data/Migrations/Postgres</c>) are told apart from SQLite's (EF Core: one context type per provider).
/// </summary>
public sealed class PostgresKipDbContext(DbContextOptions<PostgresKipDbContext> options) : KipDbContext(options)
{
    /// <summary>
    /// Instants go to <c>timestamp with time zone</c>, which Npgsql writes only from UTC: every instant is turned to UTC
    /// on the way in (the same moment; SQLite keeps the offset as text).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcInstant>();
    }

    private sealed class UtcInstant() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}

/// <summary>Hands out the PostgreSQL context where KIP asks for a <see cref="KipDbContext"/>.</summary>
internal sealed class PostgresContextFactory(IDbContextFactory<PostgresKipDbContext> inner) : IDbContextFactory<KipDbContext>
{
    public KipDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<KipDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
