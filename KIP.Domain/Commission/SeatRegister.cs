namespace KIP.Domain.Commission;

public enum SeatWarningKind
{
    /// <summary>No member holds the seat today.</summary>
    SeatEmpty,

    /// <summary>The term ends within <see cref="RecognitionPolicy.TermEndingWarningDays"/> and no successor is appointed.</summary>
    TermEndsSoon,

    /// <summary>§5: the business representative's organisation is no longer recognised; the term goes on until the team ends it.</summary>
    BusinessRepresentativeNotRecognised,
}

/// <summary>A warning for the coordination team; <see cref="Date"/> is the term's last day for <see cref="SeatWarningKind.TermEndsSoon"/>.</summary>
public sealed record SeatWarning(SeatWarningKind Kind, Seat Seat, Guid? TermId, DateOnly? Date);

/// <summary>The terms of the commission's five seats (rulebook §5); each seat is held by at most one member at a time.</summary>
public sealed class SeatRegister
{
    private readonly List<SeatTerm> _terms;

    public SeatRegister(IEnumerable<SeatTerm>? terms = null) => _terms = [.. terms ?? []];

    public IReadOnlyList<SeatTerm> Terms => _terms.AsReadOnly();

    /// <summary>
    /// Appoints a member to a seat. Refuses an end before the start, overlap with another term on
    /// the seat, and for the business seat: a term longer than the policy's maximum or a member not
    /// from an organisation recognised on the start date (<paramref name="organisationRecognised"/>).
    /// </summary>
    public SeatTerm Appoint(
        Seat seat,
        Guid personId,
        DateOnly start,
        DateOnly end,
        Guid? organisationId = null,
        bool organisationRecognised = false,
        Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (end < start)
        {
            throw new DomainException("seat.end-before-start", "A term cannot end before it starts.");
        }

        if (seat.IsBusiness)
        {
            if (end > RecognitionPolicy.BusinessSeatLatestEnd(start))
            {
                throw new DomainException("seat.business-term-too-long", "The business seat is appointed for at most one year.");
            }

            if (organisationId is null || !organisationRecognised)
            {
                throw new DomainException("seat.business-not-recognised", "The business representative must come from a currently recognised organisation.");
            }
        }

        if (_terms.Any(t => t.Seat == seat && t.Overlaps(start, end)))
        {
            throw new DomainException("seat.overlap", "The seat is already held in that period.");
        }

        var term = new SeatTerm(id ?? Guid.NewGuid(), seat, personId, start, end, seat.IsBusiness ? organisationId : null);
        _terms.Add(term);
        return term;
    }

    /// <summary>Ends a term early: the member no longer holds the seat from <paramref name="onDate"/>.</summary>
    public void EndTerm(Guid termId, DateOnly onDate)
    {
        var term = _terms.FirstOrDefault(t => t.Id == termId)
            ?? throw new DomainException("seat.term-unknown", "No such term.");
        if (onDate > term.LastDay)
        {
            throw new DomainException("seat.term-already-ended", "The term has already ended by then.");
        }

        term.EndEarly(onDate);
    }

    public IReadOnlyList<SeatTerm> HoldersOn(DateOnly date) =>
        [.. _terms.Where(t => t.HoldsOn(date)).OrderBy(t => t.Seat.Order)];

    public SeatTerm? HolderOn(Seat seat, DateOnly date) => _terms.FirstOrDefault(t => t.Seat == seat && t.HoldsOn(date));

    /// <summary>
    /// §5 warnings on <paramref name="today"/>. <paramref name="isOrganisationRecognised"/> answers
    /// whether an organisation is recognised today.
    /// </summary>
    public IReadOnlyList<SeatWarning> WarningsOn(DateOnly today, Func<Guid, bool> isOrganisationRecognised)
    {
        ArgumentNullException.ThrowIfNull(isOrganisationRecognised);
        var warnings = new List<SeatWarning>();
        foreach (var seat in Seat.All)
        {
            var holder = HolderOn(seat, today);
            if (holder is null)
            {
                warnings.Add(new SeatWarning(SeatWarningKind.SeatEmpty, seat, null, null));
                continue;
            }

            var successorAppointed = _terms.Any(t => t.Seat == seat && t.Id != holder.Id && t.HoldsOn(holder.LastDay.AddDays(1)));
            if (holder.LastDay.DayNumber - today.DayNumber <= RecognitionPolicy.TermEndingWarningDays && !successorAppointed)
            {
                warnings.Add(new SeatWarning(SeatWarningKind.TermEndsSoon, seat, holder.Id, holder.LastDay));
            }

            if (seat.IsBusiness && (holder.OrganisationId is not { } organisationId || !isOrganisationRecognised(organisationId)))
            {
                warnings.Add(new SeatWarning(SeatWarningKind.BusinessRepresentativeNotRecognised, seat, holder.Id, null));
            }
        }

        return warnings;
    }
}

/// <summary>A warning that fewer meetings than the minimum are held or planned in a calendar year.</summary>
public sealed record MeetingWarning(int Year, int Count, int Minimum);

/// <summary>§5: the commission meets at least twice a calendar year.</summary>
public static class MeetingRule
{
    /// <summary>Null when enough meetings are held or planned in <paramref name="year"/>.</summary>
    public static MeetingWarning? Check(int year, IEnumerable<DateOnly> meetingDates)
    {
        ArgumentNullException.ThrowIfNull(meetingDates);
        var count = meetingDates.Count(d => d.Year == year);
        return count < RecognitionPolicy.MinimumMeetingsPerYear
            ? new MeetingWarning(year, count, RecognitionPolicy.MinimumMeetingsPerYear)
            : null;
    }

    /// <summary>
    /// The warnings that matter on <paramref name="today"/>: for the current and the next calendar year, so that in
    /// December a next year with one meeting planned is not overlooked (<see cref="RecognitionPolicy.MeetingYearsAhead"/>).
    /// </summary>
    public static IReadOnlyList<MeetingWarning> WarningsOn(DateOnly today, IEnumerable<DateOnly> meetingDates)
    {
        ArgumentNullException.ThrowIfNull(meetingDates);
        var dates = meetingDates.ToList();
        return [.. Enumerable.Range(today.Year, RecognitionPolicy.MeetingYearsAhead + 1)
            .Select(year => Check(year, dates))
            .OfType<MeetingWarning>()];
    }
}
