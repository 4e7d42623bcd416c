namespace KIP.Domain.Commission;

/// <summary>A member's term on a seat (rulebook §5), from <see cref="Start"/> through <see cref="End"/>.</summary>
public sealed class SeatTerm
{
    // For EF Core.
    private SeatTerm()
    {
        Seat = null!;
    }

    internal SeatTerm(Guid id, Seat seat, Guid personId, DateOnly start, DateOnly end, Guid? organisationId)
    {
        Id = id;
        Seat = seat;
        PersonId = personId;
        Start = start;
        End = end;
        OrganisationId = organisationId;
    }

    public Guid Id { get; private set; }

    public Seat Seat { get; private set; }

    public Guid PersonId { get; private set; }

    public DateOnly Start { get; private set; }

    /// <summary>The last day of the term as appointed.</summary>
    public DateOnly End { get; private set; }

    /// <summary>The first day the term no longer holds, when ended before <see cref="End"/>.</summary>
    public DateOnly? EndedEarlyOn { get; private set; }

    /// <summary>For the business seat: the recognised organisation the member represents.</summary>
    public Guid? OrganisationId { get; private set; }

    /// <summary>The last day the member actually holds the seat.</summary>
    public DateOnly LastDay => EndedEarlyOn is { } ended && ended.AddDays(-1) < End ? ended.AddDays(-1) : End;

    public bool HoldsOn(DateOnly date) => Start <= date && date <= End && (EndedEarlyOn == null || date < EndedEarlyOn);

    internal bool Overlaps(DateOnly start, DateOnly end) => Start <= end && start <= LastDay && LastDay >= Start;

    internal void EndEarly(DateOnly onDate) => EndedEarlyOn = onDate < Start ? Start : onDate;
}
