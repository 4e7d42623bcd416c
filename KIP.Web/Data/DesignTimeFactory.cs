using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KIP.Web.Data;

/// <summary>For <c>dotnet ef migrations add</c>: a context without starting the app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<KipDbContext>
{
    public KipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KipDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
