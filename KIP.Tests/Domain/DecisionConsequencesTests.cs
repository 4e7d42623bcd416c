using KIP.Domain;
using KIP.Domain.Applications;
using KIP.Domain.Organisations;
using KIP.Domain.Voting;
using static KIP.Domain.Voting.VoteChoice;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §4 and §6 Outcome: what closing a vote does to the application, the recognition and the decision record.</summary>
public class DecisionConsequencesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 14, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateOnly CertificateEnds = new(2028, 6, 30);

    private readonly Organisation _organisation = DomainBuilders.AdmittedOrganisation();
    private readonly Application _application;
    private readonly ReviewSession _session;
    private readonly Guid[] _members = [.. Enumerable.Range(0, 3).Select(_ => Guid.NewGuid())];
    private readonly Guid _item;
    private readonly Guid _decision = Guid.NewGuid();

    public DecisionConsequencesTests()
    {
        _application = Application.Create(Guid.NewGuid(), _organisation.Id, formVersion: 1, At.AddDays(-30), hasOtherOpenApplication: false);
        _application.Claim([CriterionCode.Pso30Plus, CriterionCode.NonProfit]);
        _application.Submit(At.AddDays(-21), organisationIsAdmitted: true, hasOtherOpenApplication: false);
        _application.PutOnAgenda(At.AddDays(-7));
        _session = ReviewSession.Plan(Guid.NewGuid(), Today, _members[0], _members);
        _session.Open(_members[0], At, Today);
        foreach (var member in _members)
        {
            _session.Join(member);
        }

        _item = _session.AddItem(_application.Id, _application.ClaimedCriteria).Id;
    }

    private Guid Chair => _members[0];

    private Guid Put(MotionKind kind, params VoteChoice[] votes)
    {
        var motion = _session.OpenMotion(_item, Chair, kind, kind == MotionKind.Recognise ? [CriterionCode.Pso30Plus, CriterionCode.NonProfit] : null, At);
        for (var i = 0; i < votes.Length; i++)
        {
            _session.CastVote(motion.Id, _members[i], votes[i], At.AddSeconds(i));
        }

        return motion.Id;
    }

    private DecisionConsequences Close(Guid motion, string? motivation = " Voldoet aan beide criteria. ", bool withValidUntil = true) =>
        DecisionConsequences.CloseVote(
            _session, motion, Chair, At.AddMinutes(5), motivation,
            withValidUntil ? new Dictionary<CriterionCode, DateOnly> { [CriterionCode.Pso30Plus] = CertificateEnds } : null,
            _application, _organisation, Today, _decision);

    [Fact]
    public void An_adopted_motion_to_recognise_recognises_the_application_and_accepts_its_criteria_under_the_decision()
    {
        var consequences = Close(Put(MotionKind.Recognise, For, For, Against));

        Assert.Equal(DecisionOutcome.Recognised, consequences.Outcome);
        Assert.True(consequences.IsDecision);
        Assert.Equal(ApplicationStatus.Recognised, consequences.ApplicationStatus);
        Assert.Equal(ApplicationStatus.Recognised, _application.Status);
        Assert.Equal([CriterionCode.Pso30Plus, CriterionCode.NonProfit], _application.AcceptedCriteria);
        Assert.Equal("Voldoet aan beide criteria.", consequences.Motivation.Text);
        Assert.Equal([new AcceptedTerm(CriterionCode.Pso30Plus, CertificateEnds), new AcceptedTerm(CriterionCode.NonProfit, null)], consequences.Accepted);
        Assert.All(_organisation.AcceptedCriteria, c => Assert.Equal((_decision, Today), (c.DecisionId!.Value, c.ValidFrom)));
        Assert.Equal(CertificateEnds, _organisation.AcceptedCriteria.Single(c => c.Code == CriterionCode.Pso30Plus).ValidUntil);
        Assert.True(_organisation.IsRecognisedOn(Today));
        Assert.Equal((2, 1, 0), (consequences.Vote.For, consequences.Vote.Against, consequences.Vote.Abstain));
    }

    [Fact]
    public void A_motion_to_recognise_voted_down_rejects_the_application_and_recognises_nothing()
    {
        var consequences = Close(Put(MotionKind.Recognise, Against, Against, For));

        Assert.Equal((DecisionOutcome.Rejected, ApplicationStatus.Rejected), (consequences.Outcome!.Value, _application.Status));
        Assert.Empty(consequences.Accepted);
        Assert.Empty(_organisation.AcceptedCriteria);
        Assert.Equal("Voldoet aan beide criteria.", _application.Motivation);
    }

    [Fact]
    public void An_adopted_motion_to_reject_rejects_the_application()
    {
        var consequences = Close(Put(MotionKind.Reject, For, For, Abstain), withValidUntil: false);

        Assert.Equal((DecisionOutcome.Rejected, ApplicationStatus.Rejected), (consequences.Outcome!.Value, consequences.ApplicationStatus));
        Assert.Empty(_organisation.AcceptedCriteria);
    }

    [Fact]
    public void A_motion_to_reject_voted_down_records_no_decision_and_leaves_the_item_open_for_another_motion()
    {
        var consequences = Close(Put(MotionKind.Reject, Against, Against, For), withValidUntil: false);

        Assert.Null(consequences.Outcome);
        Assert.False(consequences.IsDecision);
        Assert.Equal(ItemResult.StillOpenForAnotherMotion, consequences.Vote.ItemResult);
        Assert.Equal(ApplicationStatus.InReview, _application.Status);
        Assert.False(_application.IsDeferred);
        Assert.True(_session.Items.Single().IsOpen);

        var second = Close(Put(MotionKind.Recognise, For, For, For));
        Assert.Equal(DecisionOutcome.Recognised, second.Outcome);
    }

    [Theory]
    [InlineData(new[] { For, Against })]
    [InlineData(new[] { For })]
    public void A_tie_or_too_few_votes_defers_the_application_which_stays_in_review(VoteChoice[] votes)
    {
        var consequences = Close(Put(MotionKind.Recognise, votes));

        Assert.Equal(DecisionOutcome.Deferred, consequences.Outcome);
        Assert.Equal(ApplicationStatus.InReview, _application.Status);
        Assert.True(_application.IsDeferred);
        Assert.Empty(_organisation.AcceptedCriteria);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_vote_closes_without_a_motivation_and_nothing_changes(string? motivation)
    {
        var motion = Put(MotionKind.Recognise, For, For, For);

        var refused = Assert.Throws<DomainException>(() => Close(motion, motivation));

        Assert.Equal("decision.motivation-required", refused.Code);
        Assert.NotNull(_session.Items.Single().OpenMotion);
        Assert.Equal(ApplicationStatus.InReview, _application.Status);
        Assert.Equal(DecisionOutcome.Recognised, Close(motion).Outcome);
    }

    [Fact]
    public void A_criterion_that_takes_its_end_from_a_certificate_needs_a_valid_until_before_the_vote_closes()
    {
        var motion = Put(MotionKind.Recognise, For, For, For);

        var refused = Assert.Throws<DomainException>(() => Close(motion, withValidUntil: false));

        Assert.Equal("recognition.valid-until-required", refused.Code);
        Assert.NotNull(_session.Items.Single().OpenMotion);
        Assert.Empty(_organisation.AcceptedCriteria);
    }

    [Fact]
    public void Only_the_acting_chair_closes_and_an_unknown_motion_is_refused()
    {
        var motion = Put(MotionKind.Reject, For);

        Assert.Equal("motion.unknown", Assert.Throws<DomainException>(() => Close(Guid.NewGuid())).Code);
        var notChair = Assert.Throws<DomainException>(() => DecisionConsequences.CloseVote(
            _session, motion, _members[1], At, "Motivatie", null, _application, _organisation, Today, _decision));
        Assert.Equal("item.not-chair", notChair.Code);
    }

    [Fact]
    public void The_motivation_is_checked_once_and_kept_trimmed()
    {
        Assert.Equal("decision.motivation-required", Assert.Throws<DomainException>(() => DecisionMotivation.Of(" \t ")).Code);
        Assert.Equal("Statuten ontbreken.", DecisionMotivation.Of("  Statuten ontbreken.\n").Text);
    }

    [Fact]
    public void A_decision_record_stores_each_outcome_by_its_stable_code()
    {
        Assert.Equal(
            ["recognised", "rejected", "deferred"],
            Enum.GetValues<DecisionOutcome>().Select(o => o.Code()));
    }
}
