using KIP.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Data;

/// <summary>KIP's storage on PostgreSQL: every test of <see cref="StorageTestsBase"/> on a database of its own.</summary>
public sealed class PostgresStorageTests(PostgresAppFixture fixture) : StorageTestsBase(fixture), IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task Schema_comes_from_the_PostgreSQL_migrations_with_the_append_only_triggers()
    {
        await using var db = await Fixture.Db.CreateDbContextAsync();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var pending = await db.Database.GetPendingMigrationsAsync();
        var triggers = await db.Database.SqlQueryRaw<string>(
            """SELECT c.relname || '.' || t.tgname AS "Value" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal""").ToListAsync();

        Assert.True(db.Database.IsNpgsql());
        Assert.Contains(applied, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.Empty(pending);
        foreach (var table in new[] { "Decisions", "AuditEntries", "Votes", "Motions" })
        {
            Assert.Contains($"{table}.{table}_no_truncate", triggers);
        }

        Assert.Contains("Votes.Votes_no_insert_after_close_or_replace", triggers);
    }
}
