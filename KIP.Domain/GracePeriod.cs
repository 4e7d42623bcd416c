namespace KIP.Domain;

/// <summary>
/// The startup/ZZP grace period (rulebook §3): starts when the commission first accepts
/// <c>startup-zzp</c>, valid through the day before the second anniversary of that date.
/// </summary>
public sealed record GracePeriod(DateOnly Start)
{
    /// <summary>The last valid day.</summary>
    public DateOnly EndDate => RecognitionPolicy.GraceEndDate(Start);

    public bool IsRunningOn(DateOnly date) => Start <= date && date <= EndDate;
}
