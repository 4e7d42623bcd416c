namespace KIP.Web.Data;

/// <summary>
/// A message in the app for one person (product.md: "messages and reminders"). Stored as a resource key with its
/// arguments, so it reads in the language the person chose when they read it.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>The organisation a reminder is about; null for a message to the coordination team (<see cref="Link"/>).</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The resource key of the text (e.g. <c>Reminders.Notification.Text</c>).</summary>
    public required string TextKey { get; set; }

    public required string OrganisationName { get; set; }

    /// <summary>The criterion codes the recognition rests on, in the rulebook's order.</summary>
    public IReadOnlyList<string> Criteria { get; set; } = [];

    public DateOnly ValidUntil { get; set; }

    public int DaysBefore { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Further arguments of the text (a coordination alert: seat code, person, organisation, date as yyyy-MM-dd).</summary>
    public IReadOnlyList<string> Arguments { get; set; } = [];

    /// <summary>Where the person acts on it, when not the organisation's own pages (a coordination alert).</summary>
    public string? Link { get; set; }
}

/// <summary>An e-mail waiting to be sent, or sent: never deleted, so a failed send is never lost.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>One or more addresses, comma-separated (RFC 5322 address list).</summary>
    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string TextBody { get; set; }

    public string? HtmlBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}

public enum ReminderOutcome
{
    Sent,

    /// <summary>A later reminder for the same valid-until was due as well (the job was down): only that one was sent.</summary>
    Skipped,
}

/// <summary>
/// Rulebook §3 Reminders, "each reminder is sent once": one row per organisation, valid-until and reminder, under a
/// unique index, written in the same transaction as the notifications and the e-mail.
/// </summary>
public sealed class SentReminder
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public DateOnly ValidUntil { get; set; }

    public int DaysBefore { get; set; }

    public ReminderOutcome Outcome { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Rulebook §5–§6, "the coordination team is warned/told": one row per event (KIP.Domain's
/// <see cref="KIP.Domain.Commission.CoordinationAlert.Key"/>) under a unique index, written in the same transaction as
/// the team's notifications and e-mails, so each event is told once.
/// </summary>
public sealed class SentCoordinationAlert
{
    public Guid Id { get; set; }

    public required string Key { get; set; }

    /// <summary>KIP.Domain.Commission.CoordinationAlertKind as text.</summary>
    public required string Kind { get; set; }

    public DateTimeOffset At { get; set; }
}
