using System.Linq.Expressions;

namespace KIP.Domain.Organisations;

/// <summary>
/// A criterion the commission accepted for an organisation (rulebook §2). Validity is computed
/// from dates whenever asked; storage queries the very same rule (<see cref="ValidOn"/>).
/// </summary>
public sealed class AcceptedCriterion
{
    /// <summary>
    /// §2: valid on a day from its valid-from through its valid-until (none: open-ended), and before the day it ended
    /// (revoked or superseded). Written once, as an expression: <see cref="IsValidOn"/> runs it, and database queries
    /// translate it (<see cref="ValidOn"/>).
    /// </summary>
    private static readonly Expression<Func<AcceptedCriterion, DateOnly, bool>> ValidOnRule =
        (c, date) => c.ValidFrom <= date && (c.ValidUntil == null || date <= c.ValidUntil) && (c.EndedOn == null || date < c.EndedOn);

    private static readonly Func<AcceptedCriterion, DateOnly, bool> IsValid = ValidOnRule.Compile();

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

    public bool IsValidOn(DateOnly date) => IsValid(this, date);

    /// <summary>The rule of <see cref="IsValidOn"/> for one day, as an expression a database query can translate.</summary>
    public static Expression<Func<AcceptedCriterion, bool>> ValidOn(DateOnly date)
    {
        // The day as a captured variable (not a constant), so a query provider sends it as a parameter.
        Expression<Func<DateOnly>> day = () => date;
        var criterion = ValidOnRule.Parameters[0];
        var body = new Replace(ValidOnRule.Parameters[1], day.Body).Visit(ValidOnRule.Body);
        return Expression.Lambda<Func<AcceptedCriterion, bool>>(body, criterion);
    }

    /// <summary>Whether it holds on <paramref name="date"/> or any later day (not lapsed, not ended).</summary>
    internal bool HoldsOnOrAfter(DateOnly date) =>
        (ValidUntil == null || date <= ValidUntil) && (EndedOn == null || date < EndedOn) && EndedOn != ValidFrom;

    internal void End(DateOnly onDate, string reason, bool revoked)
    {
        EndedOn = onDate < ValidFrom ? ValidFrom : onDate;
        EndReason = reason;
        Revoked = revoked;
    }

    private sealed class Replace(ParameterExpression parameter, Expression with) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? with : base.VisitParameter(node);
    }
}
