namespace KIP.Web.Data;

/// <summary>A commission member's comment on an application, for the other members before the session.</summary>
public sealed class ReviewComment
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid PersonId { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>
/// A member's conflict of interest on an application, declared ahead of the session (rulebook §6, "Recusal"):
/// the live session reads it as a recusal for the application's item.
/// </summary>
public sealed class ConflictOfInterest
{
    public Guid Id { get; set; }

    /// <summary>The meeting whose agenda held the application when declared, if any; the recusal is for the application.</summary>
    public Guid? MeetingId { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid PersonId { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset DeclaredAt { get; set; }
}

/// <summary>An applicant's question to the commission and its answer (rulebook §5, "answering applicants' questions").</summary>
public sealed class ApplicantQuestion
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid FromPersonId { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset AskedAt { get; set; }

    public string? Answer { get; set; }

    public Guid? AnsweredBy { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }
}

/// <summary>The commission's advice to the coordination team, asked or unasked (rulebook §5).</summary>
public sealed class Advice
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>True when the coordination team asked for it.</summary>
    public bool Asked { get; set; }

    public required string Subject { get; set; }

    public required string Text { get; set; }

    public Guid? ApplicationId { get; set; }

    public DateTimeOffset GivenAt { get; set; }
}
