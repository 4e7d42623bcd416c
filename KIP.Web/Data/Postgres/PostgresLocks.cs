using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data.Postgres;

/// <summary>Row locks on PostgreSQL (docs/decisions/014-meeting-serialisation.md).</summary>
internal static class PostgresLocks
{
    /// <summary>How long a command waits for a meeting's lock before it is refused instead of hanging a page.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Inside the open transaction of <paramref name="db"/>: locks the meeting's row until commit or rollback, so commands on
    /// the same meeting queue behind each other on any server while other meetings write freely. Waits at most
    /// <see cref="Wait"/> (<c>lock_timeout</c>, for this transaction only).
    /// </summary>
    public static async Task LockMeetingAsync(KipDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var milliseconds = ((int)Wait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', {milliseconds}, true)", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Meetings" WHERE "Id" = {meetingId} FOR UPDATE""", cancellationToken);
    }
}
