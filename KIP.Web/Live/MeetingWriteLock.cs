using System.Data;
using KIP.Web.Data;
using KIP.Web.Data.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KIP.Web.Live;

/// <summary>
/// The meeting-level serialisation of the live session's writes (docs/decisions/014-meeting-serialisation.md): one
/// action on a meeting's record — rebuild, decide, store — runs inside the transaction this returns, and no other
/// action on the same meeting can write until it commits or is disposed. So two votes are both counted, a member's
/// second vote replaces the first, and a vote racing the close is either counted or refused, never lost.
/// </summary>
public interface IMeetingWriteLock
{
    /// <summary>Begins the action's transaction on <paramref name="db"/> holding the write lock of <paramref name="meetingId"/>.</summary>
    Task<IDbContextTransaction> AcquireAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken = default);
}

/// <summary>
/// SQLite: <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite begins a Serializable transaction so) takes the database's
/// one write lock at the start, before the record is read; a second action waits for it (busy timeout 30 s, StorageSetup).
/// Wider than needed — every meeting and every other write waits too — which one SQLite file has anyway.
/// </summary>
public sealed class SqliteMeetingWriteLock : IMeetingWriteLock
{
    public Task<IDbContextTransaction> AcquireAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
    }
}

/// <summary>
/// PostgreSQL: a READ COMMITTED transaction that first locks the meeting's row (<c>SELECT … FOR UPDATE</c>), so commands
/// on the same meeting queue behind each other on every instance, while other meetings and the rest of KIP write freely.
/// A command that waits longer than the lock timeout (30 s) fails with an error (as past SQLite's busy timeout) instead of hanging its page.
/// </summary>
public sealed class PostgresMeetingWriteLock : IMeetingWriteLock
{
    public async Task<IDbContextTransaction> AcquireAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await PostgresLocks.LockMeetingAsync(db, meetingId, cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
