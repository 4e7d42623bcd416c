namespace KIP.Domain.Organisations;

/// <summary>
/// A criterion the commission accepted for an organisation (rulebook §2). Validity is computed
/// from dates whenever asked; storage queries the same shape as <see cref="IsValidOn"/>.
/// </summary>
public sealed class AcceptedCriterion
{
    // For EF Core.
    private AcceptedCriterion()
    {
        Code = null!;
    }

    internal AcceptedCriterion(Guid id, CriterionCode code, DateOnly validFrom, DateOnly? validUntil, Guid? decisionId)
    {
        Id = id;
        Code = code;
        ValidFrom = validFrom;
        ValidUntil = validUntil;
        DecisionId = decisionId;
    }

    public Guid Id { get; private set; }

    public CriterionCode Code { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last valid day; null is open-ended (until revoked).</summary>
    public DateOnly? ValidUntil { get; private set; }

    /// <summary>The first day it no longer holds, set by revocation or by a renewal superseding it.</summary>
    public DateOnly? EndedOn { get; private set; }

    public string? EndReason { get; private set; }

    /// <summary>True when the coordination team revoked it (not when a renewal superseded it).</summary>
    public bool Revoked { get; private set; }

    public Guid? DecisionId { get; private set; }

    public bool IsValidOn(DateOnly date) =>
        ValidFrom <= date && (ValidUntil == null || date <= ValidUntil) && (EndedOn == null || date < EndedOn);

    /// <summary>Whether it holds on <paramref name="date"/> or any later day (not lapsed, not ended).</summary>
    internal bool HoldsOnOrAfter(DateOnly date) =>
        (ValidUntil == null || date <= ValidUntil) && (EndedOn == null || date < EndedOn) && EndedOn != ValidFrom;

    internal void End(DateOnly onDate, string reason, bool revoked)
    {
        EndedOn = onDate < ValidFrom ? ValidFrom : onDate;
        EndReason = reason;
        Revoked = revoked;
    }
}
