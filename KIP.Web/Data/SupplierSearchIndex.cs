namespace KIP.Web.Data;

/// <summary>
/// The full-text index of the directory: SQLite FTS5 over name, description, offer and place,
/// accent-blind (<c>remove_diacritics 2</c>: "cafe" finds "café") with prefix indexes for 2 and 3
/// letters. Its rowid is the profile's rowid. Triggers keep it in step with every change of a
/// profile or an organisation's name, inside the same transaction as the change itself.
/// </summary>
internal static class SupplierSearchIndex
{
    public const string Table = "SupplierSearch";

    private const string InsertFromProfile = """
        INSERT INTO SupplierSearch(rowid, Name, Description, Offer, Place)
        SELECT NEW.rowid, o.Name, NEW.Description, NEW.Offer, coalesce(NEW.Place, '')
        FROM Organisations o WHERE o.Id = NEW.OrganisationId;
        """;

    public static readonly string[] Create =
    [
        """
        CREATE VIRTUAL TABLE SupplierSearch USING fts5(
            Name, Description, Offer, Place,
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
}
