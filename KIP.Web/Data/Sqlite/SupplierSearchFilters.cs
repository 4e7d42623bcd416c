namespace KIP.Web.Data.Sqlite;

/// <summary>
/// The filters of a text search as small indexed tables keyed by the profile's rowid (= the rowid of
/// <see cref="SupplierSearchIndex.Table"/>), so a text query checks its filters with B-tree probes instead of reading
/// the profile and organisation rows and parsing comma lists (issue 17 point 4, bench/README "Supplier search"):
/// <see cref="RowsTable"/> one row per profile (organisation id, name, admitted) and <see cref="FacetsTable"/> one
/// row per (kind, code, profile) for each municipality (established in or works in), category and impact theme.
/// Triggers keep both in step with every change of a profile or an organisation, in the same transaction.
/// </summary>
internal static class SupplierSearchFilters
{
    public const string RowsTable = "SupplierSearchRows";

    public const string FacetsTable = "SupplierSearchFacets";

    // A stored comma list ("a,b") as a JSON array for json_each; triggers cannot use WITH.
    private static string Json(string list) =>
        $"""'["' || replace(replace(replace({list}, '\', '\\'), '"', '\"'), ',', '","') || '"]'""";

    private static string InsertRow(string rowid, string organisationId) => $"""
        INSERT INTO {RowsTable} (RowId, Id, Name, Admitted)
        SELECT {rowid}, o.Id, o.Name, o.AdmissionStatus = 'Admitted' FROM Organisations o WHERE o.Id = {organisationId};
        """;

    private static string InsertLists(string profile) => $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'category', j.value, {profile}.rowid FROM json_each({Json($"{profile}.Categories")}) j WHERE j.value <> '';
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'theme', j.value, {profile}.rowid FROM json_each({Json($"{profile}.ImpactThemes")}) j WHERE j.value <> '';
        """;

    private static string InsertMunicipalities(string rowid, string organisation) => $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', {organisation}.EstablishedIn, {rowid} WHERE {organisation}.EstablishedIn IS NOT NULL AND {rowid} IS NOT NULL;
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', j.value, {rowid} FROM json_each({Json($"{organisation}.WorksIn")}) j WHERE j.value <> '' AND {rowid} IS NOT NULL;
        """;

    private static string DeleteAll(string rowid) => $"""
        DELETE FROM {RowsTable} WHERE RowId = {rowid};
        DELETE FROM {FacetsTable} WHERE RowId = {rowid};
        """;

    private const string ProfileOf = "(SELECT p.rowid FROM OrganisationProfiles p WHERE p.OrganisationId = NEW.Id)";

    private static readonly string OnProfile = $"""
        {InsertRow("NEW.rowid", "NEW.OrganisationId")}
        {InsertLists("NEW")}
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', o.EstablishedIn, NEW.rowid FROM Organisations o WHERE o.Id = NEW.OrganisationId AND o.EstablishedIn IS NOT NULL;
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', j.value, NEW.rowid FROM Organisations o, json_each({Json("o.WorksIn")}) j WHERE o.Id = NEW.OrganisationId AND j.value <> '';
        """;

    /// <summary>The tables, their triggers and their filling from the stored profiles (migration SearchFilterTables).</summary>
    public static readonly string[] Create =
    [
        $"CREATE TABLE {RowsTable} (RowId INTEGER PRIMARY KEY, Id TEXT NOT NULL, Name TEXT NOT NULL, Admitted INTEGER NOT NULL);",
        $"CREATE TABLE {FacetsTable} (Kind TEXT NOT NULL, Code TEXT NOT NULL, RowId INTEGER NOT NULL, PRIMARY KEY (Kind, Code, RowId)) WITHOUT ROWID;",
        $"CREATE INDEX IX_{FacetsTable}_RowId ON {FacetsTable} (RowId);",
        $"CREATE TRIGGER OrganisationProfiles_filters_insert AFTER INSERT ON OrganisationProfiles BEGIN {OnProfile} END;",
        $"CREATE TRIGGER OrganisationProfiles_filters_update AFTER UPDATE ON OrganisationProfiles BEGIN {DeleteAll("OLD.rowid")} {OnProfile} END;",
        $"CREATE TRIGGER OrganisationProfiles_filters_delete AFTER DELETE ON OrganisationProfiles BEGIN {DeleteAll("OLD.rowid")} END;",
        $"""
        CREATE TRIGGER Organisations_filters_update AFTER UPDATE OF Name, AdmissionStatus, EstablishedIn, WorksIn ON Organisations
        BEGIN
            UPDATE {RowsTable} SET Name = NEW.Name, Admitted = NEW.AdmissionStatus = 'Admitted' WHERE RowId = {ProfileOf};
            DELETE FROM {FacetsTable} WHERE Kind = 'municipality' AND RowId = {ProfileOf};
            {InsertMunicipalities(ProfileOf, "NEW")}
        END;
        """,
        $"""
        INSERT INTO {RowsTable} (RowId, Id, Name, Admitted)
        SELECT p.rowid, o.Id, o.Name, o.AdmissionStatus = 'Admitted' FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId;
        """,
        $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'category', j.value, p.rowid FROM OrganisationProfiles p, json_each({Json("p.Categories")}) j WHERE j.value <> '';
        """,
        $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'theme', j.value, p.rowid FROM OrganisationProfiles p, json_each({Json("p.ImpactThemes")}) j WHERE j.value <> '';
        """,
        $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', o.EstablishedIn, p.rowid FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId WHERE o.EstablishedIn IS NOT NULL;
        """,
        $"""
        INSERT OR IGNORE INTO {FacetsTable} (Kind, Code, RowId)
        SELECT 'municipality', j.value, p.rowid FROM OrganisationProfiles p JOIN Organisations o ON o.Id = p.OrganisationId, json_each({Json("o.WorksIn")}) j WHERE j.value <> '';
        """,
    ];

    public static readonly string[] Drop =
    [
        "DROP TRIGGER IF EXISTS Organisations_filters_update;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_filters_delete;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_filters_update;",
        "DROP TRIGGER IF EXISTS OrganisationProfiles_filters_insert;",
        $"DROP TABLE IF EXISTS {FacetsTable};",
        $"DROP TABLE IF EXISTS {RowsTable};",
    ];
}
