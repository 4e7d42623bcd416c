using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// Stores who was present in an open session when (for the decision list): one row per stay, opened when a member
/// arrives and closed when they leave, fed by <see cref="PresenceTracker"/>.
/// </summary>
public sealed class AttendanceRecorder
{
    private readonly IDbContextFactory<KipDbContext> _factory;
    private readonly TimeProvider _time;

    public AttendanceRecorder(IDbContextFactory<KipDbContext> factory, PresenceTracker presence, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(presence);
        _factory = factory;
        _time = time;
        presence.Changed += RecordAsync;
    }

    private async Task RecordAsync(Guid meetingId, Guid personId, bool arrived)
    {
        await using var db = await _factory.CreateDbContextAsync();
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting?.Status != MeetingStatus.Open)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var open = await db.Set<AttendanceRecord>().Where(a => a.MeetingId == meetingId && a.PersonId == personId && a.LeftAt == null).ToListAsync();
        if (arrived && open.Count == 0)
        {
            db.Set<AttendanceRecord>().Add(new AttendanceRecord { Id = Guid.NewGuid(), MeetingId = meetingId, PersonId = personId, JoinedAt = now });
        }
        else if (!arrived)
        {
            open.ForEach(a => a.LeftAt = now);
        }

        await db.SaveChangesAsync();
    }
}
