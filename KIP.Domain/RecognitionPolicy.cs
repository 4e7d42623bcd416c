using KIP.Domain.Voting;

namespace KIP.Domain;

/// <summary>
/// Every <b>[choice]</b> and number of the rulebook (/spec/rulebook.md), in one place.
/// Change a choice here and every rule that depends on it follows.
/// </summary>
public static class RecognitionPolicy
{
    // §2 table: Code Sociale Ondernemingen registration is open-ended, until revoked [choice].
    public const bool CodeSocialeOndernemingenIsOpenEnded = true;

    // §2 table: Social Enterprise NL membership is open-ended, until revoked [choice].
    public const bool SocialEnterpriseNlIsOpenEnded = true;

    // §2 table: non-profit is open-ended.
    public const bool NonProfitIsOpenEnded = true;

    // §2 table: B Corp with only a certification date holds through the day before its
    // third anniversary [choice].
    public const int BCorpDefaultValidityYears = 3;

    // §3: the grace period lasts 2 years, through the day before the second anniversary [choice].
    public const int GracePeriodYears = 2;

    // §3: a startup is an organisation whose founding date has its second anniversary after today [choice].
    public const int StartupAgeYears = 2;

    // §3: a social mission has at least 50 characters after trimming, counted as a person
    // counts letters (text elements / grapheme clusters).
    public const int MissionMinimumLength = 50;

    // §5: the business seat term is at most one year: through the day before the first anniversary [choice].
    public const int BusinessSeatMaxTermYears = 1;

    // §5: the commission meets at least twice a calendar year.
    public const int MinimumMeetingsPerYear = 2;

    // §5: the meetings warning looks at the current calendar year and this many years ahead [choice].
    public const int MeetingYearsAhead = 1;

    // §5–§6: the coordination team is alerted once of an item on which every seat was recused, for meetings at most
    // this many days ago, so an old meeting does not raise an alert when the alerts begin [choice].
    public const int RecusalAlertLookbackDays = 30;

    // §5: the coordination team is warned this many days before a seat term ends.
    public const int TermEndingWarningDays = 30;

    // §2: the dates KIP reckons with lie from 1 January 1800 through 31 December 2999 [choice]. A date outside is a
    // typing error (9999-12-31, 0001-01-01), and every date the rules compute from one (anniversaries a few years on,
    // reminders some days before) stays on the calendar.
    public static DateOnly EarliestDate { get; } = new(1800, 1, 1);

    public static DateOnly LatestDate { get; } = new(2999, 12, 31);

    public static bool IsWithinDateRange(DateOnly date) => EarliestDate <= date && date <= LatestDate;

    // §3 Reminders: 90 and 30 days before a recognition's valid-until date.
    public static IReadOnlyList<int> ReminderDaysBeforeValidUntil { get; } = [90, 30];

    // §6 Outcome: a tie is deferred to a later session [choice].
    public const VoteOutcome TieOutcome = VoteOutcome.Deferred;

    // §6 Outcome: fewer votes than the quorum means deferred [choice].
    public const VoteOutcome TooFewVotesOutcome = VoteOutcome.Deferred;

    /// <summary>§2 table: whether a criterion holds until revoked rather than until a date.</summary>
    public static bool IsOpenEnded(CriterionCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return (code == CriterionCode.CodeSocialeOndernemingen && CodeSocialeOndernemingenIsOpenEnded)
            || (code == CriterionCode.SocialEnterpriseNl && SocialEnterpriseNlIsOpenEnded)
            || (code == CriterionCode.NonProfit && NonProfitIsOpenEnded);
    }

    /// <summary>
    /// §2 table: whether accepting the criterion needs a valid-until date from its evidence (a certificate's end
    /// date: PSO 30+, B Corp). Open-ended criteria take none; <c>startup-zzp</c> ends with its grace period.
    /// </summary>
    public static bool NeedsValidUntilFromEvidence(CriterionCode code) => !IsOpenEnded(code) && code != CriterionCode.StartupZzp;

    /// <summary>§2 table: B Corp without a valid-until date holds through the day before the third anniversary of certification.</summary>
    public static DateOnly BCorpDefaultValidUntil(DateOnly certifiedOn) =>
        AmsterdamCalendar.AddCalendarYears(certifiedOn, BCorpDefaultValidityYears).AddDays(-1);

    /// <summary>§3: the last valid day of a grace period that starts on <paramref name="start"/>.</summary>
    public static DateOnly GraceEndDate(DateOnly start) =>
        AmsterdamCalendar.AddCalendarYears(start, GracePeriodYears).AddDays(-1);

    /// <summary>§3: a startup's founding date has its second anniversary after <paramref name="today"/>.</summary>
    public static bool IsStartupOn(DateOnly foundedOn, DateOnly today) =>
        AmsterdamCalendar.AddCalendarYears(foundedOn, StartupAgeYears) > today;

    /// <summary>§3: characters of a mission as a person counts them, after trimming.</summary>
    public static int MissionLength(string? mission) =>
        string.IsNullOrWhiteSpace(mission) ? 0 : new System.Globalization.StringInfo(mission.Trim()).LengthInTextElements;

    public static bool IsMissionLongEnough(string? mission) => MissionLength(mission) >= MissionMinimumLength;

    /// <summary>§5: the latest end date of a business seat term starting on <paramref name="start"/>.</summary>
    public static DateOnly BusinessSeatLatestEnd(DateOnly start) =>
        AmsterdamCalendar.AddCalendarYears(start, BusinessSeatMaxTermYears).AddDays(-1);

    /// <summary>§6 Quorum: a strict majority of the seats that are occupied and not recused [choice].</summary>
    public static int RequiredQuorum(int eligibleSeats) => (eligibleSeats / 2) + 1;

    /// <summary>
    /// §3 Reminders, with catch-up: of the reminders for <paramref name="validUntil"/> whose date has come by
    /// <paramref name="today"/> (and the recognition still holds), the latest is the one to send; earlier ones
    /// are moot — a "90 days" message on day 25 would name the wrong urgency (docs/decisions/007).
    /// </summary>
    public static DueReminders RemindersDueOn(DateOnly validUntil, DateOnly today)
    {
        var due = today > validUntil
            ? []
            : ReminderDaysBeforeValidUntil.Where(days => validUntil.AddDays(-days) <= today).OrderDescending().ToList();
        return due.Count == 0 ? new(null, []) : new(due[^1], due[..^1]);
    }

    /// <summary>§3 Reminders: the dates on which reminders for <paramref name="validUntil"/> are due.</summary>
    public static IReadOnlyList<DateOnly> ReminderDates(DateOnly validUntil) =>
        [.. ReminderDaysBeforeValidUntil.Select(days => validUntil.AddDays(-days))];
}

/// <summary>§3: the reminder to send (days before the valid-until), if any, and the earlier ones it makes moot.</summary>
public sealed record DueReminders(int? Send, IReadOnlyList<int> Moot);
