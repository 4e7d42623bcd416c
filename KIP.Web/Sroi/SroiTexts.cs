using System.Globalization;
using KIP.Domain.Sroi;
using KIP.Web.Localization;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Sroi;

/// <summary>How SROI numbers read on a page: money as "€ 60.000" (cents only when there are any), percentages, the obligation in words.</summary>
public static class SroiTexts
{
    public static string Money(decimal amount) =>
        "€ " + amount.ToString(amount == decimal.Truncate(amount) ? "N0" : "N2", CultureInfo.CurrentCulture);

    public static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.CurrentCulture) + "%";

    public static string Kind(IStringLocalizer<Text> text, ContractKind kind) => text[$"Sroi.Kind.{kind}"];

    /// <summary>The computation in words, e.g. "Diensten vanaf € 200.000 excl. btw: 5% van € 1.200.000 = € 60.000".</summary>
    public static string Explanation(IStringLocalizer<Text> text, ObligationComputation c)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(c);
        var kind = Kind(text, c.Kind);
        return c.Basis switch
        {
            ObligationBasis.BelowThreshold => text["Sroi.Explain.BelowThreshold", kind, Money(c.ThresholdExclVat), Money(c.ValueExclVat)],
            ObligationBasis.LabourShareTooLow => text["Sroi.Explain.LabourTooLow", Percent(c.MinimumLabourSharePercent), Percent(c.LabourSharePercent ?? 0)],
            _ when c.Kind == ContractKind.Supplies => text["Sroi.Explain.Supplies", Percent(c.MinimumLabourSharePercent), Percent(c.LabourSharePercent ?? 0), Money(c.ThresholdExclVat), Percent(c.Percentage), Money(c.ValueExclVat), Money(c.Amount)],
            _ => text["Sroi.Explain.Applies", kind, Money(c.ThresholdExclVat), Percent(c.Percentage), Money(c.ValueExclVat), Money(c.Amount)],
        };
    }

    public static string Count(IStringLocalizer<Text> text, SroiCount count) => text[$"Sroi.Count.{count.Reason}"];

    public static string Status(IStringLocalizer<Text> text, SroiEntryStatus status) => text[$"Sroi.Status.{status}"];

    public static string Date(DateOnly date) => DutchDates.Format(date);

    /// <summary>An amount as a person types it: "1.200.000", "1200000,50", "1200000.50" or "€ 60.000".</summary>
    public static decimal? ParseAmount(string? typed)
    {
        var text = (typed ?? string.Empty).Replace("€", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var dutch = CultureInfo.GetCultureInfo(KipCultures.Dutch);
        var lastDot = text.LastIndexOf('.');
        if (!text.Contains(',', StringComparison.Ordinal) && lastDot >= 0 && text.Count(c => c == '.') == 1 && text.Length - lastDot - 1 is 1 or 2)
        {
            return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var invariant) ? invariant : null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, dutch, out var value) ? value : null;
    }

    /// <summary>A date from a date field (yyyy-MM-dd); null when empty or not a date.</summary>
    public static DateOnly? ParseDate(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string DateValue(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
