using KIP.Domain.Applications;
using KIP.Domain.Organisations;

namespace KIP.Domain.Voting;

/// <summary>What a decision of the commission records (rulebook §6 Outcome, Record).</summary>
public enum DecisionOutcome
{
    /// <summary>A motion to recognise was adopted: the application is Recognised, its criteria accepted.</summary>
    Recognised,

    /// <summary>A motion to reject was adopted, or a motion to recognise voted down: the application is Rejected.</summary>
    Rejected,

    /// <summary>A tie or too few votes: the application stays InReview for a later session.</summary>
    Deferred,
}

/// <summary>A criterion a recognition accepts, with its last valid day (null: open-ended, or the grace period's end).</summary>
public sealed record AcceptedTerm(CriterionCode Code, DateOnly? ValidUntil);

/// <summary>
/// The consequences of closing a vote (rulebook §4 and §6 Outcome): the named result, the decision it records (none
/// when a motion to reject is voted down and the item stays open), the application's new status and the criteria the
/// organisation is recognised on. KIP.Web stores exactly this; it decides none of it.
/// </summary>
public sealed record DecisionConsequences(
    MotionResult Vote,
    DecisionOutcome? Outcome,
    ApplicationStatus ApplicationStatus,
    DecisionMotivation Motivation,
    IReadOnlyList<AcceptedTerm> Accepted)
{
    /// <summary>Whether the close records a decision (every outcome but a motion to reject voted down).</summary>
    public bool IsDecision => Outcome is not null;

    /// <summary>
    /// The acting chair closes the vote on <paramref name="motionId"/> with the decision's motivation. Checked before
    /// the vote closes: the motivation (§4, required for every close) and a valid-until date for each criterion of the
    /// motion that takes one from its evidence (a certificate's end date: PSO 30+, B Corp). Then the outcome takes
    /// effect: adopted recognise → Recognised and the criteria accepted from <paramref name="decidedOn"/> under
    /// <paramref name="decisionId"/>; adopted reject or recognise voted down → Rejected; deferred → stays InReview.
    /// </summary>
    public static DecisionConsequences CloseVote(
        ReviewSession session,
        Guid motionId,
        Guid byPersonId,
        DateTimeOffset at,
        string? motivation,
        IReadOnlyDictionary<CriterionCode, DateOnly>? validUntil,
        Application application,
        Organisation organisation,
        DateOnly decidedOn,
        Guid decisionId)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(organisation);
        var motion = session.Items.SelectMany(i => i.Motions).FirstOrDefault(m => m.Id == motionId)
            ?? throw new DomainException("motion.unknown", "No such motion.");
        if (session.Items.First(i => i.Id == motion.ItemId).ApplicationId != application.Id || application.OrganisationId != organisation.Id)
        {
            throw new ArgumentException("The application and organisation must be those of the motion's item.", nameof(application));
        }

        var text = DecisionMotivation.Of(motivation);
        var terms = Terms(motion.Criteria, validUntil);
        var result = session.CloseMotion(motionId, byPersonId, at);
        switch (result.ItemResult)
        {
            case ItemResult.Recognised:
                application.Recognise(terms.Select(t => t.Code), text, at);
                foreach (var term in terms)
                {
                    organisation.Accept(term.Code, decidedOn, term.ValidUntil, decisionId);
                }

                return new DecisionConsequences(result, DecisionOutcome.Recognised, application.Status, text, terms);
            case ItemResult.Rejected:
                application.Reject(text, at);
                return new DecisionConsequences(result, DecisionOutcome.Rejected, application.Status, text, []);
            case ItemResult.Deferred:
                application.Defer(at);
                return new DecisionConsequences(result, DecisionOutcome.Deferred, application.Status, text, []);
            default:
                // A motion to reject voted down: no decision yet, the item stays open for another motion.
                return new DecisionConsequences(result, null, application.Status, text, []);
        }
    }

    /// <summary>§2: the valid-until of each criterion; one that takes it from its evidence must be given one.</summary>
    private static List<AcceptedTerm> Terms(IEnumerable<CriterionCode> criteria, IReadOnlyDictionary<CriterionCode, DateOnly>? validUntil) =>
        [.. criteria.Select(code => !RecognitionPolicy.NeedsValidUntilFromEvidence(code)
            ? new AcceptedTerm(code, null)
            : validUntil is not null && validUntil.TryGetValue(code, out var date)
                ? new AcceptedTerm(code, date)
                : throw new DomainException("recognition.valid-until-required", $"Criterion {code} needs a valid-until date."))];
}

public static class DecisionOutcomeCodes
{
    /// <summary>The stable code a decision record stores and texts are keyed by: recognised, rejected, deferred.</summary>
    public static string Code(this DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Recognised => "recognised",
        DecisionOutcome.Rejected => "rejected",
        DecisionOutcome.Deferred => "deferred",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
