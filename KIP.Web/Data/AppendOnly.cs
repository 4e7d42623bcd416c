namespace KIP.Web.Data;

/// <summary>
/// Rulebook §6, "Record": decisions and votes are never edited or deleted afterwards; a correction is a
/// new decision. The database itself refuses it, whatever code or tool talks to it.
/// A vote may change while its motion is open (§6, "Motion"); from the close on it is frozen.
/// </summary>
internal static class AppendOnly
{
    public const string Refusal = "append-only";

    public static readonly string[] CreateTriggers =
    [
        """
        CREATE TRIGGER Decisions_no_update BEFORE UPDATE ON Decisions
        BEGIN SELECT RAISE(ABORT, 'append-only: a decision is never changed; record a new decision'); END;
        """,
        """
        CREATE TRIGGER Decisions_no_delete BEFORE DELETE ON Decisions
        BEGIN SELECT RAISE(ABORT, 'append-only: a decision is never deleted'); END;
        """,
        """
        CREATE TRIGGER Votes_frozen_after_close_update BEFORE UPDATE ON Votes
        WHEN (SELECT ClosedAt FROM Motions WHERE Id = OLD.MotionId) IS NOT NULL
          OR NEW.MotionId <> OLD.MotionId OR NEW.PersonId <> OLD.PersonId
        BEGIN SELECT RAISE(ABORT, 'append-only: a vote is never changed after the vote closed'); END;
        """,
        """
        CREATE TRIGGER Votes_no_delete BEFORE DELETE ON Votes
        BEGIN SELECT RAISE(ABORT, 'append-only: a vote is never deleted'); END;
        """,
        """
        CREATE TRIGGER Votes_no_insert_after_close BEFORE INSERT ON Votes
        WHEN (SELECT ClosedAt FROM Motions WHERE Id = NEW.MotionId) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'append-only: the vote is closed'); END;
        """,
        """
        CREATE TRIGGER AuditEntries_no_update BEFORE UPDATE ON AuditEntries
        BEGIN SELECT RAISE(ABORT, 'append-only: the audit log is never changed'); END;
        """,
        """
        CREATE TRIGGER AuditEntries_no_delete BEFORE DELETE ON AuditEntries
        BEGIN SELECT RAISE(ABORT, 'append-only: the audit log is never changed'); END;
        """,
    ];

    public static readonly string[] DropTriggers =
    [
        "DROP TRIGGER IF EXISTS Decisions_no_update;",
        "DROP TRIGGER IF EXISTS Decisions_no_delete;",
        "DROP TRIGGER IF EXISTS Votes_frozen_after_close_update;",
        "DROP TRIGGER IF EXISTS Votes_no_delete;",
        "DROP TRIGGER IF EXISTS Votes_no_insert_after_close;",
        "DROP TRIGGER IF EXISTS AuditEntries_no_update;",
        "DROP TRIGGER IF EXISTS AuditEntries_no_delete;",
    ];
}
