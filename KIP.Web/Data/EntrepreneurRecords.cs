namespace KIP.Web.Data;

public enum AccessRequestStatus
{
    Open,
    Granted,
    Refused,
}

/// <summary>A person asks to act for an organisation that is already registered (one organisation per KvK number, rulebook §1).</summary>
public sealed class AccessRequest
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public AccessRequestStatus Status { get; set; }

    public string? RefusalReason { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }
}

/// <summary>The assessment form as typed, invalid half-typed values included (JSON), saved as the applicant types.</summary>
public sealed class ApplicationDraft
{
    public Guid ApplicationId { get; set; }

    public string StateJson { get; set; } = "{}";

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>A version of the assessment form's texts; the commission edits the unpublished one and publishes it.</summary>
public sealed class FormVersionRecord
{
    public int Version { get; set; }

    public required string Title { get; set; }

    public required string Explanation { get; set; }

    /// <summary>Guidance per criterion code, as JSON object code → text.</summary>
    public string GuidanceJson { get; set; } = "{}";

    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>An evidence document of an application, stored outside wwwroot under a generated name.</summary>
public sealed class EvidenceDocument
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    public Guid OrganisationId { get; set; }

    public required string Criterion { get; set; }

    /// <summary>The uploaded name reduced to a safe file name (no path, no control characters).</summary>
    public required string FileName { get; set; }

    public required string StoredName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public Guid UploadedBy { get; set; }
}
