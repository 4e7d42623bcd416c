using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Live;

/// <summary>
/// The decision list (besluitenlijst) of a meeting, from the stored record: attendance merged per member, recusals
/// (declared ahead first), and each decision with the criteria accepted as stored on the organisation.
/// </summary>
internal static class DecisionListReader
{
    public static async Task<DecisionListView> ReadAsync(KipDbContext db, SessionSnapshot snapshot, SessionView view, CancellationToken cancellationToken)
    {
        var state = snapshot.State;
        var meetingId = state.Meeting.Id;
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var stays = await db.Set<AttendanceRecord>().AsNoTracking().Where(a => a.MeetingId == meetingId).ToListAsync(cancellationToken);
        var attendance = Attendance.PerMember(stays.Select(a => new PresencePeriod(a.PersonId, a.JoinedAt, a.LeftAt)), state.Meeting.ClosedAt)
            .Select(a => new AttendanceView(a.PersonId, names.GetValueOrDefault(a.PersonId, string.Empty), a.From, a.Until, a.Absences))
            .ToList();
        var items = view.Items.ToDictionary(i => i.Id);
        var recusals = state.Recusals.OrderBy(r => r.At)
            .Select(r => new RecusalView(r.AgendaEntryId, items[r.AgendaEntryId].OrganisationName, names.GetValueOrDefault(r.PersonId, string.Empty), r.At))
            .ToList();
        var ahead = view.Items.SelectMany(i => i.RecusedAhead.Select(p => (Item: i, Person: p, state.DeclaredAhead.First(c => c.ApplicationId == i.ApplicationId && c.PersonId == p).DeclaredAt)));
        recusals.InsertRange(0, ahead.OrderBy(a => a.Item.Position)
            .Select(a => new RecusalView(a.Item.Id, a.Item.OrganisationName, names.GetValueOrDefault(a.Person, string.Empty), a.DeclaredAt, DeclaredAhead: true)));
        var stored = await db.Decisions.AsNoTracking().Where(d => d.MeetingId == meetingId).ToListAsync(cancellationToken);
        var decidedFor = stored.Select(d => d.OrganisationId).Distinct().ToList();
        var accepted = (await db.Organisations.AsNoTracking().Where(o => decidedFor.Contains(o.Id)).ToListAsync(cancellationToken))
            .SelectMany(o => o.AcceptedCriteria)
            .Where(c => c.DecisionId != null)
            .ToLookup(c => c.DecisionId!.Value);
        var decisions = stored
            .OrderBy(d => d.RecordedAt)
            .Select(d =>
            {
                var item = view.Items.First(i => i.ApplicationId == d.ApplicationId);
                return new DecisionView(item.Id, item.OrganisationName, d.Outcome, d.AcceptedCriteria, d.Motivation, d.DecidedOn,
                    [.. accepted[d.Id].OrderBy(c => c.Code.Order).Select(c => new AcceptedView(c.Code, c.ValidUntil))]);
            })
            .ToList();
        // The day it was held: the day it was opened, whatever day it carries (a record from before decision 010).
        var heldOn = state.Meeting.OpenedAt is { } opened ? AmsterdamCalendar.DateOf(opened) : state.Meeting.Date;
        return new DecisionListView(view, heldOn, attendance, recusals, decisions);
    }
}
