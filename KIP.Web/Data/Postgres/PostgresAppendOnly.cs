namespace KIP.Web.Data.Postgres;

/// <summary>
/// The append-only rules of <see cref="Sqlite.AppendOnly"/> (rulebook §6, "Record"; docs/decisions/002, 013) as PostgreSQL
/// triggers, one trigger function per rule, with the same refusals word for word. A refusal of a row that already
/// exists (a second vote by a member, a replaced row) is SQLSTATE 23505 <c>unique_violation</c>, as the unique index
/// behind it would be; every other refusal is 23000 <c>integrity_constraint_violation</c>. PostgreSQL has no REPLACE,
/// and an upsert (<c>INSERT … ON CONFLICT DO UPDATE</c>) fires the <c>BEFORE UPDATE</c> triggers; <c>TRUNCATE</c>
/// skips row triggers, so each append-only table refuses it by a statement trigger.
/// </summary>
internal static class PostgresAppendOnly
{
    private static readonly string[] Tables = ["Decisions", "AuditEntries", "Votes", "Motions"];

    public static readonly string[] Create =
    [
        // One refusal with its message and SQLSTATE as the trigger's arguments.
        """
        CREATE FUNCTION kip_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = coalesce(TG_ARGV[1], '23000'); END $$;
        """,
        """
        CREATE TRIGGER "Decisions_no_update" BEFORE UPDATE ON "Decisions"
        FOR EACH ROW EXECUTE FUNCTION kip_refuse('append-only: a decision is never changed; record a new decision');
        """,
        """
        CREATE TRIGGER "Decisions_no_delete" BEFORE DELETE ON "Decisions"
        FOR EACH ROW EXECUTE FUNCTION kip_refuse('append-only: a decision is never deleted');
        """,
        """
        CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE OR DELETE ON "AuditEntries"
        FOR EACH ROW EXECUTE FUNCTION kip_refuse('append-only: the audit log is never changed');
        """,
        """
        CREATE TRIGGER "Motions_frozen_after_close" BEFORE UPDATE ON "Motions"
        FOR EACH ROW WHEN (OLD."ClosedAt" IS NOT NULL) EXECUTE FUNCTION kip_refuse('append-only: a closed motion is never changed or reopened');
        """,
        """
        CREATE TRIGGER "Motions_no_delete_after_close" BEFORE DELETE ON "Motions"
        FOR EACH ROW WHEN (OLD."ClosedAt" IS NOT NULL) EXECUTE FUNCTION kip_refuse('append-only: a closed motion is never deleted');
        """,
        """
        CREATE TRIGGER "Votes_no_delete" BEFORE DELETE ON "Votes"
        FOR EACH ROW EXECUTE FUNCTION kip_refuse('append-only: a vote is never deleted');
        """,
        // A trigger's WHEN cannot read another table: the closed check is in the function.
        """
        CREATE FUNCTION kip_vote_frozen_after_close() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT "ClosedAt" FROM "Motions" WHERE "Id" = OLD."MotionId") IS NOT NULL
               OR NEW."MotionId" <> OLD."MotionId" OR NEW."PersonId" <> OLD."PersonId" THEN
                RAISE EXCEPTION USING MESSAGE = 'append-only: a vote is never changed after the vote closed', ERRCODE = '23000';
            END IF;
            RETURN NEW;
        END $$;
        """,
        """
        CREATE TRIGGER "Votes_frozen_after_close_update" BEFORE UPDATE ON "Votes"
        FOR EACH ROW EXECUTE FUNCTION kip_vote_frozen_after_close();
        """,
        """
        CREATE FUNCTION kip_vote_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT "ClosedAt" FROM "Motions" WHERE "Id" = NEW."MotionId") IS NOT NULL THEN
                RAISE EXCEPTION USING MESSAGE = 'append-only: the vote is closed', ERRCODE = '23000';
            END IF;
            IF EXISTS (SELECT 1 FROM "Votes" WHERE "Id" = NEW."Id" OR ("MotionId" = NEW."MotionId" AND "PersonId" = NEW."PersonId")) THEN
                RAISE EXCEPTION USING MESSAGE = 'append-only: UNIQUE (MotionId, PersonId), one vote per member per motion; a vote is never replaced', ERRCODE = '23505';
            END IF;
            RETURN NEW;
        END $$;
        """,
        """
        CREATE TRIGGER "Votes_no_insert_after_close_or_replace" BEFORE INSERT ON "Votes"
        FOR EACH ROW EXECUTE FUNCTION kip_vote_insert();
        """,
        .. Tables.Select(table => $"""
            CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
            FOR EACH STATEMENT EXECUTE FUNCTION kip_refuse('append-only: {table} is never emptied');
            """),
    ];

    public static readonly string[] Drop =
    [
        .. Tables.Select(table => $"""DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}";"""),
        """DROP TRIGGER IF EXISTS "Votes_no_insert_after_close_or_replace" ON "Votes";""",
        "DROP FUNCTION IF EXISTS kip_vote_insert();",
        """DROP TRIGGER IF EXISTS "Votes_frozen_after_close_update" ON "Votes";""",
        "DROP FUNCTION IF EXISTS kip_vote_frozen_after_close();",
        """DROP TRIGGER IF EXISTS "Votes_no_delete" ON "Votes";""",
        """DROP TRIGGER IF EXISTS "Motions_no_delete_after_close" ON "Motions";""",
        """DROP TRIGGER IF EXISTS "Motions_frozen_after_close" ON "Motions";""",
        """DROP TRIGGER IF EXISTS "AuditEntries_no_update" ON "AuditEntries";""",
        """DROP TRIGGER IF EXISTS "Decisions_no_delete" ON "Decisions";""",
        """DROP TRIGGER IF EXISTS "Decisions_no_update" ON "Decisions";""",
        "DROP FUNCTION IF EXISTS kip_refuse();",
    ];
}
