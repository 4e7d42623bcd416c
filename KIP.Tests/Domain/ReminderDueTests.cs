using KIP.Domain;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

/// <summary>Rulebook §3 reminders with catch-up: which reminder a run on a given day sends, and which it makes moot.</summary>
public sealed class ReminderDueTests
{
    private static readonly DateOnly ValidUntil = D("2027-06-30");

    [Theory]
    [InlineData(91, null, new int[0])]
    [InlineData(90, 90, new int[0])]
    [InlineData(88, 90, new int[0])] // a missed day: still the 90-day one
    [InlineData(31, 90, new int[0])]
    [InlineData(30, 30, new[] { 90 })]
    [InlineData(25, 30, new[] { 90 })] // a long outage: only the latest, the earlier one moot
    [InlineData(0, 30, new[] { 90 })] // the last valid day
    [InlineData(-1, null, new int[0])] // the day after: the recognition no longer holds
    public void The_latest_reminder_whose_day_has_come_is_sent_and_earlier_ones_are_moot(int daysBefore, int? send, int[] moot)
    {
        var due = RecognitionPolicy.RemindersDueOn(ValidUntil, ValidUntil.AddDays(-daysBefore));

        Assert.Equal(send, due.Send);
        Assert.Equal(moot, due.Moot);
    }

    [Fact]
    public void Only_certificates_take_a_valid_until_from_their_evidence()
    {
        Assert.Equal(
            [CriterionCode.Pso30Plus, CriterionCode.BCorp],
            CriterionCode.All.Where(RecognitionPolicy.NeedsValidUntilFromEvidence));
    }
}
