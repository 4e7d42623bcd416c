using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data;

/// <summary>The unit of work: one context per operation, created by <see cref="IDbContextFactory{TContext}"/>.</summary>
public sealed class KipDbContext(DbContextOptions<KipDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(KipDbContext).Assembly);
    }
}
