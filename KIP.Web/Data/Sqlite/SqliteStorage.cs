using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data.Sqlite;

/// <summary>What only SQLite needs: a file in the data folder, its folder made before the first migration, WAL, the search index's names.</summary>
internal static class SqliteStorage
{
    /// <summary><c>kip.db</c> in <paramref name="dataFolder"/>, waiting up to 30 s for the write lock (docs/decisions/014).</summary>
    public static string DefaultConnectionString(string dataFolder) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "kip.db"),
            Cache = SqliteCacheMode.Default,
            DefaultTimeout = 30,
        }.ToString();

    /// <summary>The database file's folder, made before the first migration creates the file.</summary>
    public static void EnsureFolder(KipDbContext db)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>After the migrations: the search index's category and theme names renewed, and WAL (readers never wait for a writer).</summary>
    public static async Task AfterMigrationsAsync(KipDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await SupplierSearchIndex.SyncNamesAsync(db.Database.GetDbConnection(), cancellationToken);
        await db.Database.CloseConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
