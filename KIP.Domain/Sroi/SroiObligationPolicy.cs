namespace KIP.Domain.Sroi;

/// <summary>Why a contract has the obligation it has (rulebook §7), for the explanation in words.</summary>
public enum ObligationBasis
{
    /// <summary>At or above the threshold (and, for supplies, enough labour): the percentage of the whole value.</summary>
    Applies,

    /// <summary>The value excl. VAT is below the threshold: no obligation.</summary>
    BelowThreshold,

    /// <summary>Supplies whose labour share is below the minimum: no obligation.</summary>
    LabourShareTooLow,
}

/// <summary>
/// The computed obligation and every number that explains it: which policy (and version), the kind, the value, the
/// threshold, the labour share against its minimum, the percentage and the amount. The web layer says it in words.
/// </summary>
public sealed record ObligationComputation(
    string PolicyVersion,
    ContractKind Kind,
    decimal ValueExclVat,
    decimal? LabourSharePercent,
    decimal ThresholdExclVat,
    decimal MinimumLabourSharePercent,
    decimal Percentage,
    ObligationBasis Basis,
    decimal Amount);

/// <summary>
/// A municipality's SROI rule, versioned (rulebook §7): works and services from <see cref="ThresholdExclVat"/> excl. VAT
/// carry <see cref="Percentage"/> of the value; supplies only when labour is at least
/// <see cref="SuppliesMinimumLabourSharePercent"/> of the value, then the same percentage of the whole value; below the
/// threshold no obligation. Amounts are rounded to whole cents, half away from zero.
/// </summary>
public sealed record SroiObligationPolicy(
    string Version,
    DateOnly ValidFrom,
    decimal ThresholdExclVat,
    decimal Percentage,
    decimal SuppliesMinimumLabourSharePercent)
{
    public ObligationComputation Compute(ContractKind kind, decimal valueExclVat, decimal? labourSharePercent)
    {
        SroiAmounts.RequireAmount(valueExclVat, "sroi.value-invalid");
        if (kind == ContractKind.Supplies)
        {
            if (labourSharePercent is not { } share || share < 0 || share > 100)
            {
                throw new DomainException("sroi.labour-share-invalid", "Supplies need a labour share from 0 to 100 percent.");
            }
        }
        else
        {
            labourSharePercent = null;
        }

        var basis = valueExclVat < ThresholdExclVat ? ObligationBasis.BelowThreshold
            : kind == ContractKind.Supplies && labourSharePercent < SuppliesMinimumLabourSharePercent ? ObligationBasis.LabourShareTooLow
            : ObligationBasis.Applies;
        var amount = basis == ObligationBasis.Applies ? SroiAmounts.Round(valueExclVat * Percentage / 100m) : 0m;
        return new(Version, kind, valueExclVat, labourSharePercent, ThresholdExclVat, SuppliesMinimumLabourSharePercent, Percentage, basis, amount);
    }
}

/// <summary>
/// The rules per municipality. <b>[choice]</b> Until a municipality publishes its own rule, all seven use
/// Bloemendaal's (rulebook §7). A new version is added here with the date it applies from; a contract keeps the
/// version it was computed with.
/// </summary>
public static class SroiObligationPolicies
{
    public static SroiObligationPolicy Bloemendaal2024 { get; } = new("bloemendaal-2024", new DateOnly(2024, 1, 1), 200_000.00m, 5m, 30m);

    private static readonly IReadOnlyList<SroiObligationPolicy> Default = [Bloemendaal2024];

    /// <summary>The versions a municipality has had, oldest first.</summary>
    public static IReadOnlyList<SroiObligationPolicy> VersionsFor(Municipality municipality)
    {
        ArgumentNullException.ThrowIfNull(municipality);
        return Default;
    }

    /// <summary>The version that applies to a contract entered on <paramref name="date"/> (the earliest when none yet).</summary>
    public static SroiObligationPolicy For(Municipality municipality, DateOnly date)
    {
        var versions = VersionsFor(municipality);
        return versions.LastOrDefault(v => v.ValidFrom <= date) ?? versions[0];
    }

    /// <summary>
    /// <b>[choice]</b> Municipalities that treat subsidy recipients as contract partners (rulebook §7: Haarlem does).
    /// </summary>
    public static bool CountsSubsidies(Municipality municipality) => municipality == Municipality.Haarlem;
}

/// <summary>Money in euros excl. VAT: at most two decimals, not negative, below a trillion (a typing error).</summary>
public static class SroiAmounts
{
    public const decimal Maximum = 999_999_999_999.99m;

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    public static bool IsValid(decimal amount) => amount >= 0 && amount <= Maximum && Math.Round(amount, 2) == amount;

    public static void RequireAmount(decimal amount, string code)
    {
        if (!IsValid(amount))
        {
            throw new DomainException(code, "An amount is at least 0, at most 999,999,999,999.99 and has at most two decimals.");
        }
    }
}
