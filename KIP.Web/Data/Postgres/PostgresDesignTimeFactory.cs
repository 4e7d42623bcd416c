using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KIP.Web.Data.Postgres;

/// <summary>
/// For <c>dotnet ef migrations add Name --context PostgresKipDbContext</c>: the PostgreSQL context without starting the
/// app (no server is contacted to add a migration).
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresKipDbContext>
{
    public PostgresKipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresKipDbContext>().UseNpgsql("Host=localhost;Database=kip_design_time").Options);
}
