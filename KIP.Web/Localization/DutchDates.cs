using System.Globalization;

namespace KIP.Web.Localization;

/// <summary>Dates as people read them: "26 november 2026" in Dutch, "26 November 2026" in English.</summary>
public static class DutchDates
{
    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Format(DateOnly? date, string whenMissing) => date is { } d ? Format(d) : whenMissing;
}
