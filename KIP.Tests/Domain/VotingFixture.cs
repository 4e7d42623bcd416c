using KIP.Domain;
using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

/// <summary>A session with <c>n</c> members; member 0 chairs; all join unless told otherwise.</summary>
internal sealed class VotingFixture
{
    public static readonly DateTimeOffset At = new(2026, 11, 26, 14, 0, 0, TimeSpan.FromHours(1));

    public VotingFixture(int members, int present = -1)
    {
        Members = [.. Enumerable.Range(0, members).Select(_ => Guid.NewGuid())];
        Session = ReviewSession.Plan(Guid.NewGuid(), new DateOnly(2026, 11, 26), Members[0], Members);
        Session.Open(Members[0], At, new DateOnly(2026, 11, 26));
        foreach (var member in Members.Take(present < 0 ? members : present))
        {
            Session.Join(member);
        }

        Item = Session.AddItem(Guid.NewGuid(), [CriterionCode.Pso30Plus, CriterionCode.StartupZzp]);
    }

    public IReadOnlyList<Guid> Members { get; }

    public ReviewSession Session { get; }

    public AgendaItem Item { get; }

    public Guid Chair => Members[0];

    public Motion OpenRecognise() =>
        Session.OpenMotion(Item.Id, Chair, MotionKind.Recognise, [CriterionCode.Pso30Plus], At);

    public Motion OpenReject() => Session.OpenMotion(Item.Id, Chair, MotionKind.Reject, null, At);

    public void Vote(Motion motion, params VoteChoice[] choices)
    {
        for (var i = 0; i < choices.Length; i++)
        {
            Session.CastVote(motion.Id, Members[i], choices[i], At.AddSeconds(i));
        }
    }

    public MotionResult Close(Motion motion) => Session.CloseMotion(motion.Id, Session.ActingChairOf(Item.Id), At.AddMinutes(5));
}
