namespace KIP.Domain.Organisations;

/// <summary>
/// Rulebook §2 over an organisation's accepted criteria on one date: which are valid, until when the
/// recognition holds and whether the badge is temporary. <see cref="Organisation"/> answers through it;
/// a list that loads only the criteria (the directory) asks it directly.
/// </summary>
public sealed class RecognitionOn
{
    private RecognitionOn(IReadOnlyList<AcceptedCriterion> validCriteria) => ValidCriteria = validCriteria;

    /// <summary>The criteria valid on the date, in the rulebook's order.</summary>
    public IReadOnlyList<AcceptedCriterion> ValidCriteria { get; }

    /// <summary>Recognised when at least one accepted criterion is valid on the date.</summary>
    public bool IsRecognised => ValidCriteria.Count > 0;

    /// <summary>The latest valid-until of the valid criteria; null when one is open-ended or none is valid.</summary>
    public DateOnly? ValidUntil =>
        ValidCriteria.Count == 0 || ValidCriteria.Any(c => c.ValidUntil is null) ? null : ValidCriteria.Max(c => c.ValidUntil);

    /// <summary>The badge is temporary when <c>startup-zzp</c> is the only criterion valid on the date.</summary>
    public bool IsTemporary => ValidCriteria.Count > 0 && ValidCriteria.All(c => c.Code == CriterionCode.StartupZzp);

    public static RecognitionOn Of(IEnumerable<AcceptedCriterion> criteria, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return new([.. criteria.Where(c => c.IsValidOn(date)).OrderBy(c => c.Code.Order)]);
    }
}
