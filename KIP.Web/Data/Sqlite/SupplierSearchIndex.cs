using System.Data.Common;
using KIP.Web.Data.Search;

namespace KIP.Web.Data.Sqlite;

/// <summary>
/// The full-text index of the directory: SQLite FTS5 over name, description, offer, place and the names of the
/// organisation's categories and impact themes (Dutch and English: "schoonmaak" and "cleaning" both find a
/// cleaning company), accent-blind (<c>remove_diacritics 2</c>: "cafe" finds "café") with prefix indexes for 2
/// and 3 letters. Its rowid is the profile's rowid. Triggers keep it in step with every change of a profile or
/// an organisation's name, inside the same transaction as the change itself. The names come from the
/// resources into the table <see cref="NamesTable"/>; <see cref="SyncNamesAsync"/> renews them at start-up.
/// </summary>
internal static class SupplierSearchIndex
{
    public const string Table = "SupplierSearch";

    public const string NamesTable = "SupplierSearchNames";

    // The names of the profile's categories and themes, from the codes stored comma-separated.
    private static string CatalogOf(string profile) => $"""
        coalesce((SELECT group_concat(n.Names, ' ') FROM SupplierSearchNames n
            WHERE (n.Kind = 'category' AND instr(',' || {profile}.Categories || ',', ',' || n.Code || ',') > 0)
               OR (n.Kind = 'theme' AND instr(',' || {profile}.ImpactThemes || ',', ',' || n.Code || ',') > 0)), '')
        """;

    private static readonly string InsertFromProfile = $"""
        INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place, Catalog)
        SELECT NEW.rowid, o.Name, NEW.Description, NEW.Offer, coalesce(NEW.Place, ''), {CatalogOf("NEW")}
        FROM Organisations o WHERE o.Id = NEW.OrganisationId;
        """;

    private static readonly string Fill = $"""
        INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place, Catalog)
        SELECT p.rowid, o.Name, p.Description, p.Offer, coalesce(p.Place, ''), {CatalogOf("p")}
        FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId;
        """;

    /// <summary>The index with category and theme names (migration SearchCategoryNames); the names table must be filled first.</summary>
    public static readonly string[] Create =
    [
        """
        CREATE VIRTUAL TABLE SupplierSearch USING fts5(
            Name, Description, Offer, Place, Catalog,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        """,
        $"""
        CREATE TRIGGER OrganisationProfiles_search_insert AFTER INSERT ON OrganisationProfiles
        BEGIN {InsertFromProfile} END;
        """,
        $"""
        CREATE TRIGGER OrganisationProfiles_search_update AFTER UPDATE ON OrganisationProfiles
        BEGIN DELETE FROM SupplierSearch WHERE rowid = OLD.rowid; {InsertFromProfile} END;
        """,
        """
        CREATE TRIGGER OrganisationProfiles_search_delete AFTER DELETE ON OrganisationProfiles
        BEGIN DELETE FROM SupplierSearch WHERE rowid = OLD.rowid; END;
        """,
        """
        CREATE TRIGGER Organisations_search_rename AFTER UPDATE OF Name ON Organisations
        BEGIN
            UPDATE SupplierSearch SET Name = NEW.Name
            WHERE rowid = (SELECT p.rowid FROM OrganisationProfiles p WHERE p.OrganisationId = NEW.Id);
        END;
        """,
        Fill,
    ];

    public static readonly string CreateNamesTable =
        $"CREATE TABLE {NamesTable} (Kind TEXT NOT NULL, Code TEXT NOT NULL, Names TEXT NOT NULL, PRIMARY KEY (Kind, Code));";

    /// <summary>The index as the migration SupplierSearch made it (name, description, offer, place), frozen for that migration.</summary>
    public static readonly string[] CreateWithoutCatalog =
    [
        """
        CREATE VIRTUAL TABLE SupplierSearch USING fts5(
            Name, Description, Offer, Place,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        """,
        """
        CREATE TRIGGER OrganisationProfiles_search_insert AFTER INSERT ON OrganisationProfiles
        BEGIN INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place)
        SELECT NEW.rowid, o.Name, NEW.Description, NEW.Offer, coalesce(NEW.Place, '')
        FROM Organisations o WHERE o.Id = NEW.OrganisationId; END;
        """,
        """
        CREATE TRIGGER OrganisationProfiles_search_update AFTER UPDATE ON OrganisationProfiles
        BEGIN DELETE FROM SupplierSearch WHERE rowid = OLD.rowid; INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place)
        SELECT NEW.rowid, o.Name, NEW.Description, NEW.Offer, coalesce(NEW.Place, '')
        FROM Organisations o WHERE o.Id = NEW.OrganisationId; END;
        """,
        """
        CREATE TRIGGER OrganisationProfiles_search_delete AFTER DELETE ON OrganisationProfiles
        BEGIN DELETE FROM SupplierSearch WHERE rowid = OLD.rowid; END;
        """,
        """
        CREATE TRIGGER Organisations_search_rename AFTER UPDATE OF Name ON Organisations
        BEGIN
            UPDATE SupplierSearch SET Name = NEW.Name
            WHERE rowid = (SELECT p.rowid FROM OrganisationProfiles p WHERE p.OrganisationId = NEW.Id);
        END;
        """,
        """
        INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place)
        SELECT p.rowid, o.Name, p.Description, p.Offer, coalesce(p.Place, '')
        FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId;
        """,
    ];

    public static readonly string[] Drop =
    [
        "DROP TRIGGER IF EXISTS Organisations_search_rename;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_search_delete;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_search_update;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_search_insert;",
        "DROP TABLE IF EXISTS SupplierSearch;",
    ];

    /// <summary>Each category and theme with its names in Dutch and English, from the resources.</summary>
    public static IReadOnlyList<(string Kind, string Code, string Names)> Names() => SupplierSearchNames.All();

    /// <summary>The SQL that fills <see cref="NamesTable"/> with <see cref="Names"/> (for the migration).</summary>
    public static string InsertNames() =>
        $"INSERT INTO {NamesTable} (Kind, Code, Names) VALUES "
        + string.Join(", ", Names().Select(n => $"({Literal(n.Kind)}, {Literal(n.Code)}, {Literal(n.Names)})")) + ";";

    /// <summary>
    /// At start-up: when a category or theme has been renamed in the resources since the index was filled,
    /// renews the names and re-indexes every profile, in one transaction.
    /// </summary>
    public static async Task SyncNamesAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stored = new HashSet<(string, string, string)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT Kind, Code, Names FROM {NamesTable}";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var names = Names();
        if (stored.SetEquals(names))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[] { $"DELETE FROM {NamesTable};", InsertNames(), "DELETE FROM SupplierSearch;", Fill })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Literal(string value) => SupplierSearchNames.Literal(value);
}
