using KIP.Domain.Voting;

namespace KIP.Domain.Commission;

public enum CoordinationAlertKind
{
    /// <summary>§5: the business representative's organisation is no longer recognised.</summary>
    BusinessRepresentativeNotRecognised,

    /// <summary>§6: every seat was recused on an agenda item; it is deferred.</summary>
    AllSeatsRecused,

    /// <summary>§5: no member holds a seat.</summary>
    SeatEmpty,

    /// <summary>§5: a term ends within <see cref="RecognitionPolicy.TermEndingWarningDays"/> without a successor.</summary>
    TermEndsSoon,
}

/// <summary>
/// Something the coordination team must act on. <see cref="Key"/> names the event: the same situation on a later day has
/// the same key (so it is told once), a new situation a new key (a new vacancy, another term, another item).
/// </summary>
public sealed record CoordinationAlert(
    CoordinationAlertKind Kind,
    string Key,
    Seat? Seat = null,
    Guid? TermId = null,
    DateOnly? Date = null,
    Guid? MeetingId = null,
    Guid? AgendaItemId = null);

/// <summary>An agenda item of a meeting with the members recused for it, as stored.</summary>
public sealed record AgendaItemRecusals(Guid MeetingId, DateOnly MeetingDate, Guid AgendaItemId, IReadOnlyCollection<Guid> Recused);

/// <summary>The events the coordination team is told of (rulebook §5 and §6), computed from the stored terms and recusals.</summary>
public static class CoordinationAlerts
{
    public static IReadOnlyList<CoordinationAlert> On(
        DateOnly today,
        SeatRegister seats,
        Func<Guid, bool> isOrganisationRecognised,
        IEnumerable<AgendaItemRecusals> items)
    {
        ArgumentNullException.ThrowIfNull(seats);
        ArgumentNullException.ThrowIfNull(items);
        var alerts = new List<CoordinationAlert>();
        foreach (var warning in seats.WarningsOn(today, isOrganisationRecognised))
        {
            alerts.Add(warning.Kind switch
            {
                // A vacancy is named by the term before it: filling the seat and losing the member again is a new event.
                SeatWarningKind.SeatEmpty => EmptySeat(today, seats, warning.Seat),
                SeatWarningKind.TermEndsSoon => new CoordinationAlert(
                    CoordinationAlertKind.TermEndsSoon, $"term-ends:{warning.TermId}:{warning.Date:yyyy-MM-dd}", warning.Seat, warning.TermId, warning.Date),
                _ => new CoordinationAlert(
                    CoordinationAlertKind.BusinessRepresentativeNotRecognised, $"business-not-recognised:{warning.TermId}", warning.Seat, warning.TermId),
            });
        }

        var since = today.AddDays(-RecognitionPolicy.RecusalAlertLookbackDays);
        foreach (var item in items.Where(i => i.MeetingDate >= since && i.Recused.Count > 0).OrderBy(i => i.MeetingDate))
        {
            // §6 "If every seat is recused the item is deferred and the coordination team is told": the same count as the quorum's.
            var members = seats.HoldersOn(item.MeetingDate).Select(t => t.PersonId);
            if (Quorum.Compute(members, [], item.Recused).MustDefer)
            {
                alerts.Add(new CoordinationAlert(
                    CoordinationAlertKind.AllSeatsRecused, $"all-recused:{item.AgendaItemId}", Date: item.MeetingDate, MeetingId: item.MeetingId, AgendaItemId: item.AgendaItemId));
            }
        }

        return alerts;
    }

    private static CoordinationAlert EmptySeat(DateOnly today, SeatRegister seats, Seat seat)
    {
        var before = seats.Terms.Where(t => t.Seat == seat && t.LastDay < today).OrderByDescending(t => t.LastDay).FirstOrDefault();
        return new CoordinationAlert(
            CoordinationAlertKind.SeatEmpty, $"seat-empty:{seat.Code}:{before?.Id.ToString() ?? "never"}", seat, before?.Id, before?.LastDay.AddDays(1));
    }
}
