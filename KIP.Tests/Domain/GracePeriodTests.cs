using KIP.Domain;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class GracePeriodTests
{
    [Fact]
    public void GracePeriod_ends_the_day_before_the_second_anniversary()
    {
        var grace = new GracePeriod(D("2026-03-15"));

        Assert.Equal(D("2028-03-14"), grace.EndDate);
        Assert.True(grace.IsRunningOn(D("2028-03-14")));
        Assert.False(grace.IsRunningOn(D("2028-03-15")));
    }

    [Fact]
    public void GracePeriod_starting_on_29_February_ends_on_27_February()
    {
        var grace = new GracePeriod(D("2024-02-29"));

        Assert.Equal(D("2026-02-27"), grace.EndDate);
        Assert.True(grace.IsRunningOn(D("2026-02-27")));
        Assert.False(grace.IsRunningOn(D("2026-02-28")));
    }

    [Fact]
    public void GracePeriod_does_not_run_before_its_start() =>
        Assert.False(new GracePeriod(D("2026-03-15")).IsRunningOn(D("2026-03-14")));
}

public class RecognitionPolicyTests
{
    [Theory]
    [InlineData(5, 3)]
    [InlineData(4, 3)]
    [InlineData(3, 2)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void Quorum_is_a_strict_majority_of_eligible_seats(int eligible, int required) =>
        Assert.Equal(required, RecognitionPolicy.RequiredQuorum(eligible));

    [Fact]
    public void Reminders_fall_90_and_30_days_before_the_valid_until_date() =>
        Assert.Equal([D("2026-10-03"), D("2026-12-02")], RecognitionPolicy.ReminderDates(D("2027-01-01")));

    [Fact]
    public void Business_seat_term_runs_at_most_through_the_day_before_the_first_anniversary() =>
        Assert.Equal(D("2027-01-31"), RecognitionPolicy.BusinessSeatLatestEnd(D("2026-02-01")));
}
