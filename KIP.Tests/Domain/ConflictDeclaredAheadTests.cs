using KIP.Domain;
using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §6 Recusal: a conflict declared before the session acts exactly like one declared in it.</summary>
public class ConflictDeclaredAheadTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 14, 0, 0, TimeSpan.FromHours(1));

    private readonly Guid[] _members = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];
    private readonly ReviewSession _session;
    private readonly AgendaItem _first;
    private readonly AgendaItem _second;

    public ConflictDeclaredAheadTests()
    {
        _session = ReviewSession.Plan(Guid.NewGuid(), new DateOnly(2026, 11, 26), Chair, _members);
        _first = _session.AddItem(Guid.NewGuid(), [CriterionCode.StartupZzp]);
        _second = _session.AddItem(Guid.NewGuid(), [CriterionCode.NonProfit]);
    }

    private Guid Chair => _members[0];

    private Guid Pieter => _members[1];

    private void OpenWithEveryonePresent()
    {
        _session.Open(Chair, At, new DateOnly(2026, 11, 26));
        foreach (var member in _members)
        {
            _session.Join(member);
        }
    }

    private void ConcludeFirstItem() => _session.RequestMoreInformation(_first.Id, Chair);

    [Fact]
    public void A_conflict_declared_ahead_recuses_the_member_when_the_item_comes_to_the_floor()
    {
        _session.DeclareConflictAhead(Pieter, _second.Id);
        OpenWithEveryonePresent();
        Assert.Same(_first, _session.OnTheFloor);
        Assert.False(_first.IsRecused(Pieter));

        ConcludeFirstItem();

        Assert.Same(_second, _session.OnTheFloor);
        Assert.True(_second.IsRecused(Pieter));
        Assert.Contains(Pieter, _second.DeclaredAhead);
        Assert.Equal([Pieter], _second.Recusals);
    }

    [Fact]
    public void A_member_recused_ahead_cannot_vote_whatever_is_sent()
    {
        _session.DeclareConflictAhead(Pieter, _second.Id);
        OpenWithEveryonePresent();
        ConcludeFirstItem();
        var motion = _session.OpenMotion(_second.Id, Chair, MotionKind.Recognise, [CriterionCode.NonProfit], At);

        var refusal = Assert.Throws<DomainException>(() => _session.CastVote(motion.Id, Pieter, VoteChoice.For, At));

        Assert.Equal("vote.recused", refusal.Code);
        Assert.DoesNotContain(Pieter, _session.Progress(motion.Id).NotYetVoted);
    }

    [Fact]
    public void The_quorum_of_the_item_is_recounted_without_the_member_recused_ahead()
    {
        _session.DeclareConflictAhead(Pieter, _second.Id);
        _session.Open(Chair, At, new DateOnly(2026, 11, 26));
        foreach (var member in _members.Take(3))
        {
            _session.Join(member);
        }

        ConcludeFirstItem();

        // 4 eligible, 3 required; of the three present only two are eligible (Pieter is recused).
        Assert.Equal(new QuorumState(Eligible: 4, Required: 3, PresentEligible: 2), _session.QuorumFor(_second.Id));
        Assert.Equal("item.no-quorum", Assert.Throws<DomainException>(() =>
            _session.OpenMotion(_second.Id, Chair, MotionKind.Reject, null, At)).Code);

        _session.Join(_members[3]);
        Assert.True(_session.QuorumFor(_second.Id).HasQuorum);
    }

    [Fact]
    public void Every_seat_recused_ahead_defers_the_item_and_the_coordination_team_is_told()
    {
        foreach (var member in _members)
        {
            _session.DeclareConflictAhead(member, _second.Id);
        }

        OpenWithEveryonePresent();
        ConcludeFirstItem();

        Assert.True(_session.QuorumFor(_second.Id).MustDefer);
        Assert.Equal("item.must-defer", Assert.Throws<DomainException>(() =>
            _session.OpenMotion(_second.Id, Chair, MotionKind.Reject, null, At)).Code);
        _session.DeferItem(_second.Id);
        Assert.Equal(ItemResult.Deferred, _second.Result);
        Assert.True(_second.CoordinationMustBeTold);
    }

    [Fact]
    public void A_declaration_can_be_withdrawn_before_the_item_comes_to_the_floor()
    {
        _session.DeclareConflictAhead(Pieter, _second.Id);
        OpenWithEveryonePresent();

        _session.WithdrawConflictAhead(Pieter, _second.Id);
        ConcludeFirstItem();

        Assert.False(_second.IsRecused(Pieter));
        Assert.Equal(5, _session.QuorumFor(_second.Id).Eligible);
    }

    [Fact]
    public void Once_the_item_is_on_the_floor_a_declaration_ahead_can_neither_be_made_nor_withdrawn()
    {
        _session.DeclareConflictAhead(Pieter, _second.Id);
        OpenWithEveryonePresent();
        ConcludeFirstItem();

        Assert.Equal("item.on-the-floor", Assert.Throws<DomainException>(() => _session.WithdrawConflictAhead(Pieter, _second.Id)).Code);
        Assert.Equal("item.on-the-floor", Assert.Throws<DomainException>(() => _session.DeclareConflictAhead(_members[2], _first.Id)).Code);
        Assert.True(_second.IsRecused(Pieter));
    }

    [Fact]
    public void Only_a_member_of_the_session_declares_ahead()
    {
        Assert.Equal("session.not-a-member", Assert.Throws<DomainException>(() => _session.DeclareConflictAhead(Guid.NewGuid(), _second.Id)).Code);
    }

    [Fact]
    public void A_chair_recused_ahead_hands_the_item_over_before_a_motion()
    {
        _session.DeclareConflictAhead(Chair, _second.Id);
        OpenWithEveryonePresent();
        ConcludeFirstItem();

        Assert.Equal("item.chair-not-available", Assert.Throws<DomainException>(() =>
            _session.OpenMotion(_second.Id, Chair, MotionKind.Reject, null, At)).Code);
        _session.HandOver(_second.Id, Pieter, Chair);
        _session.OpenMotion(_second.Id, Pieter, MotionKind.Reject, null, At);
    }
}
