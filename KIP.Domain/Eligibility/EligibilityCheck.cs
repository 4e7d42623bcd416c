namespace KIP.Domain.Eligibility;

/// <summary>Why a criterion is or is not met; the web layer turns it (with the date) into text.</summary>
public enum OutcomeReason
{
    RegisteredInCode,
    NotRegisteredInCode,
    SenlMember,
    NotSenlMember,

    /// <summary>Met; <see cref="CriterionOutcome.ReasonDate"/> is the valid-until date.</summary>
    PsoValidUntil,

    /// <summary>Not met; <see cref="CriterionOutcome.ReasonDate"/> is the past valid-until date.</summary>
    PsoExpired,
    PsoMissing,
    StichtingIsNonProfit,
    NonProfitStated,
    NotNonProfit,

    /// <summary>Met; <see cref="CriterionOutcome.ReasonDate"/> is the (effective) valid-until date.</summary>
    BCorpValidUntil,

    /// <summary>Not met; <see cref="CriterionOutcome.ReasonDate"/> is the past (effective) valid-until date.</summary>
    BCorpExpired,
    BCorpMissing,

    /// <summary>Met as a startup; <see cref="CriterionOutcome.ReasonDate"/> is the prospective end date.</summary>
    StartupQualifies,

    /// <summary>Met as a ZZP'er; <see cref="CriterionOutcome.ReasonDate"/> is the prospective end date.</summary>
    ZzpQualifies,
    MissionMissing,
    MissionTooShort,
    NotStartupOrZzp,

    /// <summary>Met: an earlier grace period still runs; <see cref="CriterionOutcome.ReasonDate"/> is its end date.</summary>
    GraceRunning,

    /// <summary>Not met: the grace period was used; <see cref="CriterionOutcome.ReasonDate"/> is its end date.</summary>
    GraceEnded,
}

/// <summary>The outcome for one criterion. A criterion not met has no <see cref="ValidUntil"/>;
/// a met criterion with no <see cref="ValidUntil"/> is open-ended.</summary>
public sealed record CriterionOutcome(
    CriterionCode Code,
    bool Met,
    DateOnly? ValidUntil,
    OutcomeReason Reason,
    DateOnly? ReasonDate = null);

/// <summary>The eligibility check's answer. <see cref="ValidUntil"/> is the latest of the met
/// criteria's valid-until, null when a met criterion is open-ended or nothing is met.</summary>
public sealed record EligibilityResult(
    DateOnly CheckDate,
    bool Eligible,
    DateOnly? ValidUntil,
    IReadOnlyList<CriterionOutcome> Criteria)
{
    /// <summary>§2: the SROI-badge would be temporary — <c>startup-zzp</c> is the only criterion met.</summary>
    public bool IsTemporary => Criteria.Any(c => c.Met) && Criteria.Where(c => c.Met).All(c => c.Code == CriterionCode.StartupZzp);
}

/// <summary>The recognition quick scan: rulebook §2–§3 "before a decision".</summary>
public static class EligibilityCheck
{
    /// <summary>Evaluates all six criteria on <paramref name="checkDate"/>; refuses invalid facts
    /// (<see cref="EligibilityFacts.Validate"/>) with a <see cref="DomainException"/>.</summary>
    public static EligibilityResult Evaluate(EligibilityFacts facts, DateOnly checkDate) =>
        Evaluate(facts, checkDate, startupAgeJudgedOn: null);

    /// <summary>
    /// As <see cref="Evaluate(EligibilityFacts, DateOnly)"/>, for an application: §3 judges a startup's
    /// age on <paramref name="startupAgeJudgedOn"/> (the date it was first submitted), so a slow
    /// decision never costs the criterion. Pass the organisation's stored grace start in the facts.
    /// </summary>
    public static EligibilityResult Evaluate(EligibilityFacts facts, DateOnly checkDate, DateOnly? startupAgeJudgedOn)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var errors = facts.Validate(checkDate);
        if (errors.Count > 0)
        {
            throw new DomainException(
                "eligibility.invalid-facts",
                $"Invalid input: {string.Join(", ", errors.Select(e => $"{e.Field} ({e.Kind})"))}.");
        }

        CriterionOutcome[] outcomes =
        [
            CodeSocialeOndernemingen(facts),
            SocialEnterpriseNl(facts),
            Pso30Plus(facts, checkDate),
            NonProfit(facts),
            BCorp(facts, checkDate),
            StartupZzp(facts, checkDate, startupAgeJudgedOn ?? checkDate),
        ];
        var met = outcomes.Where(o => o.Met).ToList();
        DateOnly? validUntil = met.Count == 0 || met.Any(o => o.ValidUntil is null)
            ? null
            : met.Max(o => o.ValidUntil);
        return new EligibilityResult(checkDate, met.Count > 0, validUntil, outcomes);
    }

    private static CriterionOutcome CodeSocialeOndernemingen(EligibilityFacts facts) =>
        facts.CodeSocialeOndernemingenRegisteredOn is { } registeredOn
            ? new(CriterionCode.CodeSocialeOndernemingen, true, null, OutcomeReason.RegisteredInCode, registeredOn)
            : new(CriterionCode.CodeSocialeOndernemingen, false, null, OutcomeReason.NotRegisteredInCode);

    private static CriterionOutcome SocialEnterpriseNl(EligibilityFacts facts) =>
        facts.SocialEnterpriseNlMember == true
            ? new(CriterionCode.SocialEnterpriseNl, true, null, OutcomeReason.SenlMember)
            : new(CriterionCode.SocialEnterpriseNl, false, null, OutcomeReason.NotSenlMember);

    private static CriterionOutcome Pso30Plus(EligibilityFacts facts, DateOnly checkDate) =>
        facts.Pso30PlusValidUntil switch
        {
            null => new(CriterionCode.Pso30Plus, false, null, OutcomeReason.PsoMissing),
            { } until when until >= checkDate => new(CriterionCode.Pso30Plus, true, until, OutcomeReason.PsoValidUntil, until),
            { } until => new(CriterionCode.Pso30Plus, false, null, OutcomeReason.PsoExpired, until),
        };

    private static CriterionOutcome NonProfit(EligibilityFacts facts)
    {
        if (facts.LegalForm?.IsStichting == true)
        {
            return new(CriterionCode.NonProfit, true, null, OutcomeReason.StichtingIsNonProfit);
        }

        return facts.NonProfit == true
            ? new(CriterionCode.NonProfit, true, null, OutcomeReason.NonProfitStated)
            : new(CriterionCode.NonProfit, false, null, OutcomeReason.NotNonProfit);
    }

    private static CriterionOutcome BCorp(EligibilityFacts facts, DateOnly checkDate)
    {
        var effective = facts.BCorpValidUntil
            ?? (facts.BCorpCertifiedOn is { } certified ? RecognitionPolicy.BCorpDefaultValidUntil(certified) : null);
        return effective switch
        {
            null => new(CriterionCode.BCorp, false, null, OutcomeReason.BCorpMissing),
            { } until when until >= checkDate => new(CriterionCode.BCorp, true, until, OutcomeReason.BCorpValidUntil, until),
            { } until => new(CriterionCode.BCorp, false, null, OutcomeReason.BCorpExpired, until),
        };
    }

    private static CriterionOutcome StartupZzp(EligibilityFacts facts, DateOnly checkDate, DateOnly startupAgeJudgedOn)
    {
        // §3: an earlier grace period decides alone; qualifying again does not restart it.
        if (facts.GraceStartedOn is { } graceStart)
        {
            var grace = new GracePeriod(graceStart);
            return grace.IsRunningOn(checkDate)
                ? new(CriterionCode.StartupZzp, true, grace.EndDate, OutcomeReason.GraceRunning, grace.EndDate)
                : new(CriterionCode.StartupZzp, false, null, OutcomeReason.GraceEnded, grace.EndDate);
        }

        var reason = QualificationReason(facts.LegalForm, facts.FoundedOn, facts.Employees, facts.SocialMission, checkDate);
        if (reason == OutcomeReason.NotStartupOrZzp && startupAgeJudgedOn != checkDate)
        {
            var startupReason = QualificationReason(null, facts.FoundedOn, null, facts.SocialMission, startupAgeJudgedOn);
            reason = startupReason == OutcomeReason.StartupQualifies ? startupReason : reason;
        }

        if (reason is OutcomeReason.StartupQualifies or OutcomeReason.ZzpQualifies)
        {
            var prospectiveEnd = RecognitionPolicy.GraceEndDate(checkDate);
            return new(CriterionCode.StartupZzp, true, prospectiveEnd, reason, prospectiveEnd);
        }

        return new(CriterionCode.StartupZzp, false, null, reason);
    }

    /// <summary>
    /// §3 "Who qualifies" for <c>startup-zzp</c> on <paramref name="onDate"/> (for an application:
    /// the date it was first submitted). Returns <see cref="OutcomeReason.StartupQualifies"/> or
    /// <see cref="OutcomeReason.ZzpQualifies"/> when it qualifies, otherwise the reason it does not.
    /// Ignores grace history.
    /// </summary>
    public static OutcomeReason QualificationReason(
        LegalForm? legalForm, DateOnly? foundedOn, int? employees, string? socialMission, DateOnly onDate)
    {
        if (string.IsNullOrWhiteSpace(socialMission))
        {
            return OutcomeReason.MissionMissing;
        }

        if (!RecognitionPolicy.IsMissionLongEnough(socialMission))
        {
            return OutcomeReason.MissionTooShort;
        }

        if (foundedOn is { } founded && RecognitionPolicy.IsStartupOn(founded, onDate))
        {
            return OutcomeReason.StartupQualifies;
        }

        // An unknown number of employees is not 0 (§3).
        if (legalForm?.IsEenmanszaak == true && employees == 0)
        {
            return OutcomeReason.ZzpQualifies;
        }

        return OutcomeReason.NotStartupOrZzp;
    }
}
