using KIP.Domain;
using Microsoft.Extensions.Time.Testing;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class AmsterdamCalendarTests
{
    [Theory]
    [InlineData("2026-11-26T22:59:59Z", "2026-11-26")]
    [InlineData("2026-11-26T23:00:00Z", "2026-11-27")]
    [InlineData("2026-06-30T21:59:59Z", "2026-06-30")]
    [InlineData("2026-06-30T22:00:00Z", "2026-07-01")]
    public void Today_is_the_calendar_date_in_Amsterdam(string utc, string expected)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(D(expected), AmsterdamCalendar.Today(clock));
    }

    [Theory]
    [InlineData("2024-02-29", 1, "2025-02-28")]
    [InlineData("2024-02-29", 2, "2026-02-28")]
    [InlineData("2024-02-29", 4, "2028-02-29")]
    [InlineData("2023-03-01", 1, "2024-03-01")]
    public void AddCalendarYears_puts_the_anniversary_of_29_February_on_28_February(string start, int years, string expected) =>
        Assert.Equal(D(expected), AmsterdamCalendar.AddCalendarYears(D(start), years));
}
