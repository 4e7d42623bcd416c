using System.Data.Common;
using KIP.Web.Data.Search;

namespace KIP.Web.Data.Postgres;

/// <summary>
/// The full-text index of the directory on PostgreSQL, built to answer as SQLite's FTS5 index does
/// (<c>Data/Sqlite/SupplierSearchIndex.cs</c>): one row per profile in <c>"SupplierSearch"</c> with a <c>tsvector</c> over
/// name, description, offer, place and the names of its categories and themes (Dutch and English, table
/// <c>"SupplierSearchNames"</c>), its number of words (bm25's document length) and <c>"Seq"</c>, the order in which the
/// profiles were added (FTS5's rowid order, in which a text query takes its first 1,001 matches).
/// <para>
/// Words are made as FTS5's <c>unicode61 remove_diacritics 2</c> makes them: <see cref="TextFunction"/> removes accents
/// with the <c>unaccent</c> extension, folds case and turns every run of other characters than letters and digits into
/// one space; the <c>simple</c> configuration then keeps every word as it is (no stemming, no stop words). Prefix
/// search is <c>tsquery</c>'s <c>:*</c> on a GIN index (it serves prefixes from two letters; <c>pg_trgm</c> is not
/// needed). <c>"SupplierSearchStats"</c> holds the number of rows and of words (bm25's N and average length), kept by
/// statement triggers. A row trigger on the profiles and one on an organisation's name keep the index in step, in the
/// same transaction as the change; <see cref="SyncNamesAsync"/> renews the names at start-up.
/// </para>
/// </summary>
internal static class PostgresSupplierSearchIndex
{
    /// <summary>The text of a search document or a searched word as its words, separated by one space (IMMUTABLE: usable in an index).</summary>
    public const string TextFunction = "kip_search_text";

    private const string Refresh = """
        CREATE FUNCTION kip_search_refresh(organisation uuid) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
            words text;
        BEGIN
            SELECT kip_search_text(concat_ws(' ', o."Name", p."Description", p."Offer", p."Place",
                (SELECT string_agg(n."Names", ' ') FROM "SupplierSearchNames" n
                 WHERE (n."Kind" = 'category' AND strpos(',' || p."Categories" || ',', ',' || n."Code" || ',') > 0)
                    OR (n."Kind" = 'theme' AND strpos(',' || p."ImpactThemes" || ',', ',' || n."Code" || ',') > 0))))
            INTO words
            FROM "OrganisationProfiles" p JOIN "Organisations" o ON o."Id" = p."OrganisationId"
            WHERE p."OrganisationId" = organisation;
            IF NOT FOUND THEN
                DELETE FROM "SupplierSearch" WHERE "OrganisationId" = organisation;
                RETURN;
            END IF;
            INSERT INTO "SupplierSearch" ("OrganisationId", "Document", "Words")
            VALUES (organisation, to_tsvector('simple', words), CASE WHEN words = '' THEN 0 ELSE cardinality(string_to_array(words, ' ')) END)
            ON CONFLICT ("OrganisationId") DO UPDATE SET "Document" = EXCLUDED."Document", "Words" = EXCLUDED."Words";
        END $$;
        """;

    private const string RefreshAll = """
        DO $$
        DECLARE
            r record;
        BEGIN
            FOR r IN SELECT "OrganisationId" FROM "OrganisationProfiles" ORDER BY ctid LOOP
                PERFORM kip_search_refresh(r."OrganisationId");
            END LOOP;
        END $$;
        """;

    /// <summary>The index, for the migration DirectorySearch; raw SQL only, the EF model does not change.</summary>
    public static string[] Create() =>
    [
        // The operator may have to create it (decision 015): it needs the contrib files and, on PostgreSQL 13+, a
        // role that may create in the database (unaccent is a trusted extension).
        "CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;",
        """
        CREATE FUNCTION kip_search_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^[:alnum:]]+', ' ', 'g'), ' ');
        """,
        """CREATE TABLE "SupplierSearchNames" ("Kind" text NOT NULL, "Code" text NOT NULL, "Names" text NOT NULL, PRIMARY KEY ("Kind", "Code"));""",
        InsertNames(),
        """
        CREATE TABLE "SupplierSearch" (
            "OrganisationId" uuid PRIMARY KEY,
            "Seq" bigint GENERATED ALWAYS AS IDENTITY,
            "Document" tsvector NOT NULL,
            "Words" integer NOT NULL);
        """,
        """CREATE UNIQUE INDEX "IX_SupplierSearch_Seq" ON "SupplierSearch" ("Seq");""",
        """CREATE INDEX "IX_SupplierSearch_Document" ON "SupplierSearch" USING gin ("Document");""",
        """CREATE TABLE "SupplierSearchStats" ("Id" integer PRIMARY KEY CHECK ("Id" = 1), "Rows" bigint NOT NULL, "Words" bigint NOT NULL);""",
        """INSERT INTO "SupplierSearchStats" ("Id", "Rows", "Words") VALUES (1, 0, 0);""",
        """
        CREATE FUNCTION kip_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            rows_delta bigint := 0;
            words_delta bigint := 0;
            n bigint;
            w bigint;
        BEGIN
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                SELECT count(*), coalesce(sum("Words"), 0) INTO n, w FROM new_rows;
                rows_delta := rows_delta + n;
                words_delta := words_delta + w;
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                SELECT count(*), coalesce(sum("Words"), 0) INTO n, w FROM old_rows;
                rows_delta := rows_delta - n;
                words_delta := words_delta - w;
            END IF;
            IF rows_delta <> 0 OR words_delta <> 0 THEN
                UPDATE "SupplierSearchStats" SET "Rows" = "Rows" + rows_delta, "Words" = "Words" + words_delta WHERE "Id" = 1;
            END IF;
            RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "SupplierSearch_count_insert" AFTER INSERT ON "SupplierSearch" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kip_search_count();""",
        """CREATE TRIGGER "SupplierSearch_count_update" AFTER UPDATE ON "SupplierSearch" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kip_search_count();""",
        """CREATE TRIGGER "SupplierSearch_count_delete" AFTER DELETE ON "SupplierSearch" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kip_search_count();""",
        Refresh,
        """
        CREATE FUNCTION kip_search_profile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM "SupplierSearch" WHERE "OrganisationId" = OLD."OrganisationId";
            ELSE
                PERFORM kip_search_refresh(NEW."OrganisationId");
            END IF;
            RETURN NULL;
        END $$;
        """,
        """CREATE TRIGGER "OrganisationProfiles_search" AFTER INSERT OR UPDATE OR DELETE ON "OrganisationProfiles" FOR EACH ROW EXECUTE FUNCTION kip_search_profile_changed();""",
        """
        CREATE FUNCTION kip_search_organisation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM kip_search_refresh(NEW."Id");
            RETURN NULL;
        END $$;
        """,
        """
        CREATE TRIGGER "Organisations_search_rename" AFTER UPDATE OF "Name" ON "Organisations"
        FOR EACH ROW WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION kip_search_organisation_renamed();
        """,
        RefreshAll,

        // The directory sorts by name as SQLite's NOCASE does (ASCII letters folded, then byte order); ties by id.
        "CREATE INDEX \"IX_Organisations_Name_NoCase\" ON \"Organisations\" ((" + NameNoCase("\"Name\"") + "), \"Id\");",
    ];

    public static readonly string[] Drop =
    [
        """DROP INDEX IF EXISTS "IX_Organisations_Name_NoCase";""",
        """DROP TRIGGER IF EXISTS "Organisations_search_rename" ON "Organisations";""",
        """DROP TRIGGER IF EXISTS "OrganisationProfiles_search" ON "OrganisationProfiles";""",
        "DROP FUNCTION IF EXISTS kip_search_organisation_renamed();",
        "DROP FUNCTION IF EXISTS kip_search_profile_changed();",
        "DROP FUNCTION IF EXISTS kip_search_refresh(uuid);",
        """DROP TABLE IF EXISTS "SupplierSearch";""",
        "DROP FUNCTION IF EXISTS kip_search_count();",
        """DROP TABLE IF EXISTS "SupplierSearchStats";""",
        """DROP TABLE IF EXISTS "SupplierSearchNames";""",
        "DROP FUNCTION IF EXISTS kip_search_text(text);",
    ];

    /// <summary>A name as SQLite's <c>COLLATE NOCASE</c> compares it: A–Z folded to a–z, then compared byte by byte.</summary>
    public static string NameNoCase(string column) => $"translate({column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') COLLATE \"C\"";

    private static string InsertNames() =>
        """INSERT INTO "SupplierSearchNames" ("Kind", "Code", "Names") VALUES """
        + string.Join(", ", SupplierSearchNames.All().Select(n => $"({SupplierSearchNames.Literal(n.Kind)}, {SupplierSearchNames.Literal(n.Code)}, {SupplierSearchNames.Literal(n.Names)})")) + ";";

    /// <summary>
    /// At start-up: when a category or theme has been renamed in the resources since the index was filled, renews the
    /// names and re-indexes every profile, in one transaction.
    /// </summary>
    public static async Task SyncNamesAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var stored = new HashSet<(string, string, string)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = """SELECT "Kind", "Code", "Names" FROM "SupplierSearchNames" """;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        if (stored.SetEquals(SupplierSearchNames.All()))
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[] { """DELETE FROM "SupplierSearchNames";""", InsertNames(), RefreshAll })
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
