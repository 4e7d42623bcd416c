using KIP.Domain;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Commission;

/// <summary>A held meeting in the archive: the day it was held, where, and how many decisions it took.</summary>
public sealed record HeldMeeting(Guid Id, DateOnly HeldOn, string? Place, int Decisions);

/// <summary>A decision a meeting took on an application, to link from the application to its decision list.</summary>
public sealed record MeetingDecision(Guid MeetingId, DateOnly DecidedOn, string Outcome);

/// <summary>
/// Held meetings stay findable: for the commission and the coordination team, newest first, each
/// with its decision list. The day held is the day the meeting was opened (decision 010).
/// </summary>
public sealed class MeetingArchiveService(IDbContextFactory<KipDbContext> factory)
{
    public async Task<IReadOnlyList<HeldMeeting>> HeldAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Closed).ToListAsync(cancellationToken);
        var ids = meetings.Select(m => m.Id).ToList();
        var counts = (await db.Decisions.AsNoTracking().Where(d => d.MeetingId != null && ids.Contains(d.MeetingId.Value))
                .Select(d => d.MeetingId!.Value).ToListAsync(cancellationToken))
            .CountBy(id => id).ToDictionary(c => c.Key, c => c.Value);
        return [.. meetings
            .Select(m => new HeldMeeting(m.Id, m.OpenedAt is { } opened ? AmsterdamCalendar.DateOf(opened) : m.Date, m.Place, counts.GetValueOrDefault(m.Id)))
            .OrderByDescending(m => m.HeldOn)
            .ThenByDescending(m => meetings.First(x => x.Id == m.Id).ClosedAt)];
    }

    /// <summary>The decisions meetings took on an application, oldest first.</summary>
    public async Task<IReadOnlyList<MeetingDecision>> DecisionsOnAsync(Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.ApplicationId == applicationId && d.MeetingId != null).ToListAsync(cancellationToken);
        return [.. decisions.OrderBy(d => d.RecordedAt).Select(d => new MeetingDecision(d.MeetingId!.Value, d.DecidedOn, d.Outcome))];
    }
}
