namespace KIP.Domain.Sroi;

/// <summary>
/// Rulebook §7 Progress: the verified, counting amounts against the obligation, with the time left in the period.
/// </summary>
public sealed record SroiProgress(decimal Obligation, decimal Realised, DateOnly PeriodEnd, int DaysLeft)
{
    /// <summary>Met when the realised amount reaches the obligation (a contract without obligation is met).</summary>
    public bool Met => Realised >= Obligation;

    /// <summary>What is still to realise; 0 when met.</summary>
    public decimal Remaining => Met ? 0m : Obligation - Realised;

    /// <summary>Realised as a whole percentage of the obligation (may pass 100); null without obligation.</summary>
    public int? Percent => Obligation == 0 ? null : (int)Math.Floor(Realised * 100m / Obligation);

    /// <summary>The period has ended (the day after its last day).</summary>
    public bool Ended => DaysLeft < 0;

    /// <summary><b>[choice]</b> Reminders are sent 90 and 30 days before the period's last day while the obligation is not met.</summary>
    public static IReadOnlyList<int> ReminderDaysBeforePeriodEnd { get; } = [90, 30];

    /// <summary>Progress on <paramref name="today"/>; <see cref="DaysLeft"/> counts the days after today up to the last day.</summary>
    public static SroiProgress Of(decimal obligation, IEnumerable<SroiCount> counts, DateOnly periodEnd, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var realised = counts.Where(c => c.Counts).Sum(c => c.Amount);
        return new(obligation, realised, periodEnd, periodEnd.DayNumber - today.DayNumber);
    }

    /// <summary>
    /// Which reminder to send on <paramref name="today"/>, with catch-up as the recognition reminders (docs/decisions/007):
    /// of those whose date has come while the period runs, the latest; earlier ones are moot. None once met.
    /// </summary>
    public DueReminders RemindersDueOn(DateOnly today)
    {
        var due = Met || today > PeriodEnd
            ? []
            : ReminderDaysBeforePeriodEnd.Where(days => PeriodEnd.AddDays(-days) <= today).OrderDescending().ToList();
        return due.Count == 0 ? new(null, []) : new(due[^1], due[..^1]);
    }
}
