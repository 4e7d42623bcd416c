using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §6 Presence: attendance on the decision list is per person, merged over screens.</summary>
public class AttendanceTests
{
    private static readonly Guid Henk = Guid.NewGuid();
    private static readonly Guid Fatima = Guid.NewGuid();

    private static DateTimeOffset T(int hour, int minute) => new(2026, 12, 2, hour, minute, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Two_overlapping_tabs_are_one_stretch_of_presence()
    {
        var merged = Attendance.PerMember(
            [new PresencePeriod(Henk, T(14, 2), T(15, 0)), new PresencePeriod(Henk, T(14, 10), T(15, 40))], closedAt: T(16, 0));

        var henk = Assert.Single(merged);
        Assert.Equal((T(14, 2), T(15, 40)), (henk.From, henk.Until));
        Assert.Empty(henk.Absences);
    }

    [Fact]
    public void A_gap_between_a_leave_and_a_reconnect_is_an_absence()
    {
        var merged = Attendance.PerMember(
        [
            new PresencePeriod(Henk, T(14, 35), T(15, 40)), // the reconnect, listed first: order does not matter
            new PresencePeriod(Henk, T(14, 2), T(14, 30)),
            new PresencePeriod(Fatima, T(14, 0), null),
        ], closedAt: T(15, 45));

        Assert.Equal([Fatima, Henk], merged.Select(m => m.PersonId));
        var henk = merged[1];
        Assert.Equal((T(14, 2), T(15, 40)), (henk.From, henk.Until));
        Assert.Equal([new Absence(T(14, 30), T(14, 35))], henk.Absences);

        // A screen still open when the session closed was present until the close.
        Assert.Equal(T(15, 45), merged[0].Until);
    }

    [Fact]
    public void Three_screens_with_a_reconnect_inside_another_tab_leave_no_absence_and_an_open_screen_is_still_present()
    {
        var merged = Attendance.PerMember(
        [
            new PresencePeriod(Henk, T(14, 2), T(14, 50)),
            new PresencePeriod(Henk, T(14, 20), T(14, 25)), // second tab, closed while the first stayed
            new PresencePeriod(Henk, T(14, 50), null), // reconnect at the very moment the first dropped: no gap
        ], closedAt: null);

        var henk = Assert.Single(merged);
        Assert.Equal(T(14, 2), henk.From);
        Assert.Null(henk.Until);
        Assert.Empty(henk.Absences);
    }
}
