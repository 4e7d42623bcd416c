using Microsoft.Extensions.Logging;
using Npgsql;

namespace KIP.Web.Data.Postgres;

/// <summary>
/// One migrator at a time on PostgreSQL: a session-level advisory lock (<c>pg_advisory_lock</c>) held around migrations and
/// demo data, so two instances (or an instance and the <c>migrate</c> step) starting together cannot both migrate or both
/// seed; the second waits and then finds nothing left to do. EF Core's own migration lock on Npgsql is a
/// <c>LOCK TABLE "__EFMigrationsHistory"</c> that ends with each migration's transaction and does not cover seeding
/// (docs/decisions/016-several-servers.md). The lock belongs to its own unpooled connection: it ends with that connection,
/// also when the process dies.
/// </summary>
internal sealed class PostgresMigrationLock : IAsyncDisposable
{
    /// <summary>KIP's advisory-lock key: the bytes of "KIP_MIGR". Advisory locks are per database.</summary>
    public const long Key = 0x4B49_505F_4D49_4752;

    /// <summary>How long a migrator waits for another one before it gives up with a message.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    private readonly NpgsqlConnection _connection;

    private PostgresMigrationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Creates the database when it is missing (two creators at once: one wins, the other goes on), then takes the lock.</summary>
    public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await EnsureDatabaseAsync(builder, cancellationToken);
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", 30, cancellationToken))
            {
                logger.LogInformation("Een andere KIP-instantie migreert de database; wachten tot die klaar is. / Another KIP instance is migrating the database; waiting for it.");
                await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", (int)Wait.TotalSeconds, cancellationToken);
            }

            return new PostgresMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ScalarAsync<bool>(_connection, "SELECT pg_advisory_unlock(@key)", 30, CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // Closing the connection below ends the session, and with it the lock.
        }

        await _connection.DisposeAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        command.Parameters.AddWithValue("key", Key);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task EnsureDatabaseAsync(NpgsqlConnectionStringBuilder target, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(target.ToString());
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database does not exist yet: create it below (when the role may).
        }

        var maintenance = new NpgsqlConnectionStringBuilder(target.ToString()) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ToString());
        await connection.OpenAsync(cancellationToken);
        var name = target.Database!;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another migrator created it a moment ago.
        }
    }
}
