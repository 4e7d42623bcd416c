using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KIP.Web.Data;

/// <summary>The database's refusals KIP answers itself, whatever the engine (the one place that knows their codes).</summary>
public static class StorageErrors
{
    // SQLite's extended result codes: SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    /// <summary>
    /// A unique index or key refused the row: another request or pass stored the same thing first. Other constraint
    /// failures (a missing reference, an append-only refusal, NOT NULL) are not this.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException? exception) => exception?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
