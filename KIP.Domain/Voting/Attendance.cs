namespace KIP.Domain.Voting;

/// <summary>One stretch of time a screen of a member was in the session; <see cref="Left"/> null while still there.</summary>
public sealed record PresencePeriod(Guid PersonId, DateTimeOffset Joined, DateTimeOffset? Left);

/// <summary>A stretch of time a present member was away.</summary>
public sealed record Absence(DateTimeOffset From, DateTimeOffset Until);

/// <summary>
/// A member's attendance for the decision list (rulebook §6 Record): from their first arrival to their last leave
/// (null: still present), with the gaps between as absences.
/// </summary>
public sealed record MemberAttendance(Guid PersonId, DateTimeOffset From, DateTimeOffset? Until, IReadOnlyList<Absence> Absences);

public static class Attendance
{
    /// <summary>
    /// §6 Presence is per person, not per screen: a member with two tabs, or who reconnected, was present while any
    /// of their screens was. Overlapping or touching periods merge; a gap between them is an absence. A period
    /// still open when the session closed ends at <paramref name="closedAt"/>; with no close it is still open.
    /// Ordered by first arrival.
    /// </summary>
    public static IReadOnlyList<MemberAttendance> PerMember(IEnumerable<PresencePeriod> periods, DateTimeOffset? closedAt)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var result = new List<MemberAttendance>();
        foreach (var person in periods.GroupBy(p => p.PersonId))
        {
            var merged = new List<(DateTimeOffset From, DateTimeOffset? Until)>();
            foreach (var period in person.OrderBy(p => p.Joined))
            {
                var until = period.Left ?? closedAt;
                if (merged.Count > 0 && (merged[^1].Until is null || merged[^1].Until >= period.Joined))
                {
                    var last = merged[^1];
                    merged[^1] = (last.From, last.Until is null || until is null ? null : Max(last.Until.Value, until.Value));
                }
                else
                {
                    merged.Add((period.Joined, until));
                }
            }

            var absences = merged.Zip(merged.Skip(1), (a, b) => new Absence(a.Until!.Value, b.From)).ToList();
            result.Add(new MemberAttendance(person.Key, merged[0].From, merged[^1].Until, absences));
        }

        return [.. result.OrderBy(a => a.From)];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
