using KIP.Domain.Commission;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Data;

/// <summary>Reads about meetings that more than one folder's pages need (the coordination team's and the commission's).</summary>
public static class MeetingQueries
{
    /// <summary>
    /// Rulebook §6, the meetings a year: the warnings of <see cref="MeetingRule"/> for a person who chaired a meeting
    /// this year or last; none for anyone else.
    /// </summary>
    public static async Task<IReadOnlyList<MeetingWarning>> WarningsForChairAsync(this KipDbContext db, Guid? personId, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var dates = await db.Meetings.AsNoTracking().Select(m => new { m.Date, m.ChairPersonId }).ToListAsync(cancellationToken);
        var chairs = dates.Any(m => m.ChairPersonId == personId && m.Date.Year >= today.Year - 1);
        return chairs ? MeetingRule.WarningsOn(today, dates.Select(m => m.Date)) : [];
    }
}
