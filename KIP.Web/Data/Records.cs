namespace KIP.Web.Data;

/// <summary>The KIP roles (product.md, "People and roles"); claim values and policy names alike.</summary>
public static class KipRoles
{
    public const string Entrepreneur = "entrepreneur";
    public const string Commission = "commission";
    public const string SroiOfficer = "sroi-officer";
    public const string Coordination = "coordination";

    /// <summary>A company with an SROI obligation in a contract (or subsidy) with a municipality (rulebook §7).</summary>
    public const string ContractPartner = "contract-partner";

    public static readonly IReadOnlyList<string> All = [Entrepreneur, Commission, SroiOfficer, Coordination, ContractPartner];
}

/// <summary>A person who signs in. Staff roles come from the authority; KIP's own data adds others (a seat, an organisation).</summary>
public sealed class Person
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    /// <summary>The subject at the authority that signs this person in (embedded provider: the person's id).</summary>
    public string? Subject { get; set; }

    /// <summary>Roles granted in KIP itself (the demo accounts', or set by the coordination team).</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];
}

/// <summary>A person acting for an organisation: this makes them its <c>entrepreneur</c>.</summary>
public sealed class OrganisationMember
{
    public Guid OrganisationId { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset Since { get; set; }
}

/// <summary>An organisation's public profile and its contact person (the contact only for officers, commission and coordination).</summary>
public sealed class OrganisationProfile
{
    public Guid OrganisationId { get; set; }

    public string Description { get; set; } = string.Empty;

    /// <summary>Products and services.</summary>
    public string Offer { get; set; } = string.Empty;

    public string? Place { get; set; }

    public string? Address { get; set; }

    public string? Website { get; set; }

    public string? PublicEmail { get; set; }

    public string? PublicPhone { get; set; }

    public IReadOnlyList<string> Categories { get; set; } = [];

    public IReadOnlyList<string> ImpactThemes { get; set; } = [];

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string? LogoFile { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum MeetingStatus
{
    Planned,
    Open,
    Closed,
}

/// <summary>A meeting of the commission (rulebook §5–§6): a review session with an agenda.</summary>
public sealed class Meeting
{
    public Guid Id { get; set; }

    public DateOnly Date { get; set; }

    public string? Place { get; set; }

    public string? OnlineLink { get; set; }

    public Guid ChairPersonId { get; set; }

    public MeetingStatus Status { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public List<AgendaEntry> Agenda { get; set; } = [];
}

/// <summary>An application on a meeting's agenda.</summary>
public sealed class AgendaEntry
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid ApplicationId { get; set; }

    public int Position { get; set; }

    /// <summary>The item's result once settled (KIP.Domain.Voting.ItemResult as text); null while open.</summary>
    public string? Result { get; set; }
}

/// <summary>A motion put by the (acting) chair on an agenda item (rulebook §6).</summary>
public sealed class MotionRecord
{
    public Guid Id { get; set; }

    public Guid AgendaEntryId { get; set; }

    /// <summary>KIP.Domain.Voting.MotionKind as text.</summary>
    public required string Kind { get; set; }

    public IReadOnlyList<KIP.Domain.CriterionCode> Criteria { get; set; } = [];

    public Guid OpenedBy { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public int RequiredQuorum { get; set; }

    public Guid? ClosedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>KIP.Domain.Voting.VoteOutcome as text, set on close.</summary>
    public string? Outcome { get; set; }
}

/// <summary>
/// One member's vote on a motion. One per member per motion (a unique index); it may change while
/// the motion is open and is frozen by a trigger once the motion is closed (rulebook §6).
/// </summary>
public sealed class VoteRecord
{
    public Guid Id { get; set; }

    public Guid MotionId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>KIP.Domain.Voting.VoteChoice as text.</summary>
    public required string Choice { get; set; }

    public DateTimeOffset CastAt { get; set; }
}

public enum DecisionKind
{
    /// <summary>A recognition recorded before KIP (since 2020), migrated without votes.</summary>
    Imported,

    /// <summary>The outcome of a motion voted on in a review session.</summary>
    Voted,
}

/// <summary>A decision on an application. Append-only: triggers refuse UPDATE and DELETE (rulebook §6, "Record").</summary>
public sealed class DecisionRecord
{
    public Guid Id { get; set; }

    public DecisionKind Kind { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid? ApplicationId { get; set; }

    public Guid? MeetingId { get; set; }

    public Guid? MotionId { get; set; }

    /// <summary>recognised, rejected or deferred.</summary>
    public required string Outcome { get; set; }

    public IReadOnlyList<KIP.Domain.CriterionCode> AcceptedCriteria { get; set; } = [];

    public required string Motivation { get; set; }

    public DateOnly DecidedOn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }

    /// <summary>Recusals at the time of the decision, as person ids.</summary>
    public IReadOnlyList<string> Recusals { get; set; } = [];
}

/// <summary>Who did what when. Append-only.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? PersonId { get; set; }

    public required string Action { get; set; }

    public string? Subject { get; set; }

    public string? Details { get; set; }
}
