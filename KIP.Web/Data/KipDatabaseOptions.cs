using KIP.Web.Settings;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KIP.Web.Data;

/// <summary>The database engines KIP runs on (docs/decisions/015-postgresql.md).</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder: the two-command default for one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several KIP instances share it.</summary>
    Postgres,
}

/// <summary>
/// <c>Kip:Database</c>: which engine holds KIP's data and where. Without settings KIP uses SQLite in the data folder
/// (or <c>ConnectionStrings:Kip</c>), exactly as before; <c>Postgres</c> needs a connection string.
/// </summary>
public sealed class KipDatabaseOptions : IKipSettings<KipDatabaseOptions>
{
    public static string Section => "Kip:Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The connection string for <see cref="Provider"/>. For SQLite optional (default: <c>ConnectionStrings:Kip</c>, else
    /// <c>kip.db</c> in the data folder); for PostgreSQL required, e.g. <c>Host=db.example.nl;Database=kip;Username=kip</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Migrate the database and seed the demo data when the app starts (default <c>true</c>: the two commands stay as they
    /// are). With several instances set it to <c>false</c> and run <c>dotnet KIP.Web.dll migrate</c> once before starting them.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;

    public static void Check(KipDatabaseOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        var key = $"{Section}:{nameof(ConnectionString)}";
        if (settings.Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            errors.Missing(key, $"{Section}:{nameof(Provider)} is Postgres, dus noem de PostgreSQL-server, zoals Host=db.example.nl;Database=kip;Username=kip.",
                $"{Section}:{nameof(Provider)} is Postgres, so name the PostgreSQL server, like Host=db.example.nl;Database=kip;Username=kip.");
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return;
        }

        // The value itself is never echoed: a connection string may hold a password.
        if (ProblemOf(settings.Provider, settings.ConnectionString) is { } problem)
        {
            errors.Add(key, null, $"geen geldige {settings.Provider}-verbinding ({problem}).", $"not a valid {settings.Provider} connection string ({problem}).");
        }
    }

    private static string? ProblemOf(DatabaseProvider provider, string connectionString)
    {
        try
        {
            if (provider == DatabaseProvider.Postgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                return string.IsNullOrWhiteSpace(builder.Host) ? "Host ontbreekt / Host is missing" : null;
            }

            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(sqlite.DataSource) ? "Data Source ontbreekt / Data Source is missing" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return e.Message.Split('\n')[0].Trim();
        }
    }
}
