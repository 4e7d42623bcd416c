using KIP.Domain.Organisations;

namespace KIP.Domain.Sroi;

/// <summary>Why an invoice or activity counts toward the obligation, or why not (rulebook §7).</summary>
public enum CountReason
{
    Counts,

    /// <summary>Entered, not yet verified by an SROI officer.</summary>
    NotVerified,

    /// <summary>Refused by an SROI officer; never counts, its reason is kept.</summary>
    Refused,

    /// <summary>The supplier held no valid badge (no criterion valid, temporary ones included) on the invoice date.</summary>
    SupplierNotRecognised,

    /// <summary>The municipality's building blocks table had no value for the activity on its date.</summary>
    NoBuildingBlockValue,
}

/// <summary>The answer for one invoice or activity: whether and how much it counts, and why.</summary>
public sealed record SroiCount(CountReason Reason, decimal Amount)
{
    public bool Counts => Reason == CountReason.Counts;
}

/// <summary>
/// Rulebook §7, what counts: a purchase counts when the supplier held the SROI badge on the invoice date (any criterion
/// valid, temporary badges included, computed by <see cref="RecognitionOn"/> from the stored validity intervals),
/// the amount is excluding VAT and an officer verified it. The whole invoice amount excl. VAT counts
/// (<see cref="InvoiceShareCounted"/>); VAT never does. A refused purchase never counts.
/// </summary>
public static class SroiCounting
{
    /// <summary><b>[choice]</b> The share of a badge holder's invoice that counts: the whole of it (the real KIP's rule).</summary>
    public const decimal InvoiceShareCounted = 1.00m;

    /// <summary>Whether the supplier held the badge on the date (rulebook §2–§3, the same computation as the SROI page).</summary>
    public static bool SupplierHeldBadgeOn(IEnumerable<AcceptedCriterion> supplierCriteria, DateOnly date) =>
        RecognitionOn.Of(supplierCriteria, date).IsRecognised;

    /// <summary>An invoice of <paramref name="amountExclVat"/> (VAT is never part of it) dated <paramref name="invoiceDate"/>.</summary>
    public static SroiCount Invoice(IEnumerable<AcceptedCriterion> supplierCriteria, DateOnly invoiceDate, decimal amountExclVat, SroiEntryStatus status)
    {
        ArgumentNullException.ThrowIfNull(supplierCriteria);
        SroiAmounts.RequireAmount(amountExclVat, "sroi.amount-invalid");
        return status switch
        {
            SroiEntryStatus.Refused => new(CountReason.Refused, 0m),
            _ when !SupplierHeldBadgeOn(supplierCriteria, invoiceDate) => new(CountReason.SupplierNotRecognised, 0m),
            SroiEntryStatus.Submitted => new(CountReason.NotVerified, 0m),
            _ => new(CountReason.Counts, SroiAmounts.Round(amountExclVat * InvoiceShareCounted)),
        };
    }

    /// <summary>Another SROI activity, valued by the building block's value on the activity's date (<see cref="BuildingBlockTable"/>).</summary>
    public static SroiCount Activity(decimal? valueOnDate, SroiEntryStatus status) => status switch
    {
        SroiEntryStatus.Refused => new(CountReason.Refused, 0m),
        _ when valueOnDate is null => new(CountReason.NoBuildingBlockValue, 0m),
        SroiEntryStatus.Submitted => new(CountReason.NotVerified, 0m),
        _ => new(CountReason.Counts, valueOnDate.Value),
    };
}

/// <summary>One row of a municipality's table of building blocks: a unit value from a date on (rows are never changed).</summary>
public sealed record BuildingBlockValue(string Code, DateOnly ValidFrom, decimal UnitValue);

/// <summary>
/// Rulebook §7: other SROI activities (a work-experience place, a trainee) are valued by the municipality's table of
/// building blocks, kept with history; the value that applies is the one valid on the activity's date.
/// </summary>
public static class BuildingBlockTable
{
    /// <summary>The unit value of <paramref name="code"/> on <paramref name="date"/>: the row with the latest valid-from on or before it.</summary>
    public static decimal? UnitValueOn(IEnumerable<BuildingBlockValue> rows, string code, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.Code == code && r.ValidFrom <= date)
            .OrderByDescending(r => r.ValidFrom)
            .Select(r => (decimal?)r.UnitValue)
            .FirstOrDefault();
    }

    /// <summary>Quantity × the unit value on the date, in whole cents; null when the table has no value then.</summary>
    public static decimal? ValueOn(IEnumerable<BuildingBlockValue> rows, string code, DateOnly date, decimal quantity)
    {
        if (quantity <= 0 || quantity > 10_000 || Math.Round(quantity, 2) != quantity)
        {
            throw new DomainException("sroi.quantity-invalid", "A quantity is more than 0, at most 10,000, with at most two decimals.");
        }

        return UnitValueOn(rows, code, date) is { } unit ? SroiAmounts.Round(unit * quantity) : null;
    }
}
