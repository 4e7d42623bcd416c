namespace KIP.Web.Data.Sqlite;

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

    /// <summary>
    /// The record sealed (docs/decisions/013-sealed-record.md). A closed motion is part of the record: its row can no
    /// longer change or go (so its <c>ClosedAt</c> cannot be cleared to reopen its votes). SQLite's
    /// <c>INSERT OR REPLACE</c> deletes the row it conflicts with without firing delete triggers, so every
    /// append-only table refuses an insert whose key (or one-vote-per-member pair) is already taken — whatever
    /// tool writes to the file and whatever pragmas its connection sets. The SQL keeps to what PostgreSQL also
    /// has (a WHEN condition, EXISTS, a refusal) so each trigger maps to one trigger function there.
    /// </summary>
    public static readonly string[] SealTriggers =
    [
        """
        CREATE TRIGGER Motions_frozen_after_close_update BEFORE UPDATE ON Motions
        WHEN OLD.ClosedAt IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'append-only: a closed motion is never changed or reopened'); END;
        """,
        """
        CREATE TRIGGER Motions_no_delete_after_close BEFORE DELETE ON Motions
        WHEN OLD.ClosedAt IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'append-only: a closed motion is never deleted'); END;
        """,
        """
        CREATE TRIGGER Motions_no_replace BEFORE INSERT ON Motions
        WHEN EXISTS (SELECT 1 FROM Motions WHERE Id = NEW.Id)
        BEGIN SELECT RAISE(ABORT, 'append-only: a motion is never replaced'); END;
        """,
        """
        CREATE TRIGGER Votes_no_replace BEFORE INSERT ON Votes
        WHEN EXISTS (SELECT 1 FROM Votes WHERE Id = NEW.Id OR (MotionId = NEW.MotionId AND PersonId = NEW.PersonId))
        BEGIN SELECT RAISE(ABORT, 'append-only: UNIQUE (MotionId, PersonId), one vote per member per motion; a vote is never replaced'); END;
        """,
        """
        CREATE TRIGGER Decisions_no_replace BEFORE INSERT ON Decisions
        WHEN EXISTS (SELECT 1 FROM Decisions WHERE Id = NEW.Id)
        BEGIN SELECT RAISE(ABORT, 'append-only: a decision is never replaced; record a new decision'); END;
        """,
        """
        CREATE TRIGGER AuditEntries_no_replace BEFORE INSERT ON AuditEntries
        WHEN EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id)
        BEGIN SELECT RAISE(ABORT, 'append-only: the audit log is never changed'); END;
        """,
    ];

    public static readonly string[] DropSealTriggers =
    [
        "DROP TRIGGER IF EXISTS Motions_frozen_after_close_update;",
        "DROP TRIGGER IF EXISTS Motions_no_delete_after_close;",
        "DROP TRIGGER IF EXISTS Motions_no_replace;",
        "DROP TRIGGER IF EXISTS Votes_no_replace;",
        "DROP TRIGGER IF EXISTS Decisions_no_replace;",
        "DROP TRIGGER IF EXISTS AuditEntries_no_replace;",
    ];
}
