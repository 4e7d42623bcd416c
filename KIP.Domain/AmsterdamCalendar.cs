namespace KIP.Domain;

/// <summary>
/// Calendar dates as the rulebook means them: in the Europe/Amsterdam time zone (rulebook intro).
/// "Today" always comes from an injected <see cref="TimeProvider"/>.
/// </summary>
public static class AmsterdamCalendar
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateOnly Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return DateOf(timeProvider.GetUtcNow());
    }

    /// <summary>The Amsterdam calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// Adds calendar years; an anniversary of 29 February in a non-leap year falls on
    /// 28 February (rulebook §3: "a start on 29 February has its anniversary on 28 February").
    /// </summary>
    public static DateOnly AddCalendarYears(DateOnly date, int years)
    {
        var year = date.Year + years;
        var day = Math.Min(date.Day, DateTime.DaysInMonth(year, date.Month));
        return new DateOnly(year, date.Month, day);
    }
}
