using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Data;

namespace KIP.Web.Live;

/// <summary>What a session view is built from, read once; <see cref="View"/> adds the viewer's own part.</summary>
public sealed record SessionSnapshot(
    SessionState State,
    IReadOnlyDictionary<Guid, string> Names,
    IReadOnlySet<Guid> Present,
    IReadOnlyDictionary<Guid, (string Name, string? SocialMission)> Organisations,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyDictionary<Guid, IReadOnlyDictionary<CriterionCode, DateOnly>> EvidenceValidUntil)
{
    /// <summary>The screen of <paramref name="viewerId"/>: counts while a vote is open, named votes only once closed, and their own vote.</summary>
    public SessionView View(Guid viewerId)
    {
        var session = State.Session;
        var members = session.Members
            .Select(id => new MemberView(id, Names.GetValueOrDefault(id, string.Empty), Present.Contains(id)))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        var items = State.Meeting.Agenda.OrderBy(a => a.Position).Select(entry => Item(entry, viewerId)).ToList();
        return new SessionView(
            State.Meeting.Id, State.Meeting.Date, State.Meeting.Place, State.Meeting.Status, State.Meeting.ChairPersonId, viewerId,
            session.IsMember(viewerId), members, items);
    }

    private ItemView Item(AgendaEntry entry, Guid viewerId)
    {
        var session = State.Session;
        var item = session.Items.First(i => i.Id == entry.Id);
        var application = State.Applications[entry.ApplicationId];
        var organisation = Organisations.TryGetValue(application.OrganisationId, out var o) ? o : ((string Name, string? SocialMission)?)null;
        OpenMotionView? open = null;
        if (item.OpenMotion is { } motion)
        {
            var progress = session.Progress(motion.Id);
            var mine = State.Votes.FirstOrDefault(v => v.MotionId == motion.Id && v.PersonId == viewerId);
            open = new OpenMotionView(motion.Id, motion.Kind, motion.Criteria, motion.OpenedAt, progress.Cast, progress.NotYetVoted,
                mine is null ? null : Enum.Parse<VoteChoice>(mine.Choice));
        }

        var closed = item.Motions.Where(m => !m.IsOpen).Select(Closed).ToList();
        return new ItemView(
            entry.Id, entry.Position, entry.ApplicationId, organisation?.Name ?? string.Empty, organisation?.SocialMission,
            item.ClaimedCriteria, item.Result, item.CoordinationMustBeTold, session.ActingChairOf(item.Id), [.. item.Recusals],
            session.QuorumFor(item.Id), open, closed, EvidenceValidUntil.GetValueOrDefault(entry.ApplicationId) ?? new Dictionary<CriterionCode, DateOnly>(),
            [.. item.DeclaredAhead]);
    }

    private ClosedMotionView Closed(Motion m)
    {
        var votes = m.NamedVotes();
        return new ClosedMotionView(
            m.Id, m.Kind, m.Criteria, m.OpenedAt, m.ClosedAt!.Value, m.Outcome!.Value, Quorum.Effect(m.Kind, m.Outcome!.Value),
            votes.Count(v => v.Choice == VoteChoice.For), votes.Count(v => v.Choice == VoteChoice.Against),
            votes.Count(v => v.Choice == VoteChoice.Abstain), m.RequiredQuorum ?? 0,
            [.. votes.OrderBy(v => Names.GetValueOrDefault(v.PersonId), StringComparer.CurrentCulture)],
            Decisions.FirstOrDefault(d => d.MotionId == m.Id)?.Motivation);
    }
}
