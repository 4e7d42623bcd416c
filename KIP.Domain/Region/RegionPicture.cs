using KIP.Domain.Organisations;

namespace KIP.Domain.Region;

/// <summary>A calendar quarter (1–4) of a year, as the region's picture and the SROI export count by it.</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    public Quarter Following() => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public override string ToString() => $"{Year}-Q{Number}";

    public int CompareTo(Quarter other) => Year != other.Year ? Year.CompareTo(other.Year) : Number.CompareTo(other.Number);

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    /// <summary>Every quarter from <paramref name="first"/> through <paramref name="last"/>, none when last comes first.</summary>
    public static IReadOnlyList<Quarter> Range(Quarter first, Quarter last)
    {
        var quarters = new List<Quarter>();
        for (var quarter = first; quarter <= last; quarter = quarter.Following())
        {
            quarters.Add(quarter);
        }

        return quarters;
    }
}

/// <summary>A temporary badge (only <c>startup-zzp</c> valid) and its last valid day.</summary>
public sealed record TemporaryBadgeEnding(Guid OrganisationId, string Name, Municipality? EstablishedIn, DateOnly LastDay)
{
    public int DaysLeft(DateOnly today) => LastDay.DayNumber - today.DayNumber;
}

/// <summary>
/// The rules of the region's picture for the coordination team and the SROI officers: which temporary badges end soon,
/// and how a meeting year stands against the rule that the commission meets at least twice a calendar year (§5).
/// </summary>
public static class RegionPicture
{
    /// <summary>Temporary badges whose last day falls within this many days from today are listed: 90 days gives the coordination team a quarter to prepare the organisation's next review.</summary>
    public const int TemporaryBadgeHorizonDays = 90;

    /// <summary>
    /// §2–§3 on <paramref name="today"/>: the organisation holds a temporary badge (only <c>startup-zzp</c> valid) whose last
    /// day is today or within <see cref="TemporaryBadgeHorizonDays"/> days; null otherwise.
    /// </summary>
    public static TemporaryBadgeEnding? TemporaryBadgeEndingSoon(Organisation organisation, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var recognition = organisation.Recognition(today);
        return recognition.IsTemporary && recognition.ValidUntil is { } lastDay && lastDay <= today.AddDays(TemporaryBadgeHorizonDays)
            ? new TemporaryBadgeEnding(organisation.Id, organisation.Name, organisation.EstablishedIn, lastDay)
            : null;
    }

    /// <summary>
    /// §5 per calendar year, from the first year with a meeting through the years the meetings warning looks at
    /// (<see cref="RecognitionPolicy.MeetingYearsAhead"/>): meetings held (closed), meetings still to come, and the minimum.
    /// </summary>
    public static IReadOnlyList<MeetingYearTally> MeetingYears(DateOnly today, IEnumerable<HeldOrPlannedMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var list = meetings.ToList();
        var first = list.Count == 0 ? today.Year : Math.Min(today.Year, list.Min(m => m.Date.Year));
        var last = today.Year + RecognitionPolicy.MeetingYearsAhead;
        return [.. Enumerable.Range(first, last - first + 1).Select(year => new MeetingYearTally(
            year,
            list.Count(m => m.Date.Year == year && m.Held),
            list.Count(m => m.Date.Year == year && !m.Held && m.Date >= today),
            RecognitionPolicy.MinimumMeetingsPerYear))];
    }
}

/// <summary>A meeting as the tally needs it: its date and whether it was held (the session was closed).</summary>
public sealed record HeldOrPlannedMeeting(DateOnly Date, bool Held);

/// <summary>§5 for one calendar year: held meetings against the minimum of <see cref="RecognitionPolicy.MinimumMeetingsPerYear"/>.</summary>
public sealed record MeetingYearTally(int Year, int Held, int Planned, int Required)
{
    /// <summary>At least the minimum was held.</summary>
    public bool IsMet => Held >= Required;

    /// <summary>Not met yet, but the meetings still to come would meet it.</summary>
    public bool IsOnTrack => !IsMet && Held + Planned >= Required;
}
