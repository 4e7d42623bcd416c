using KIP.Domain.Sroi;

namespace KIP.Web.Sroi;

/// <summary>
/// A contract (or, where the municipality says so, a subsidy) with an SROI obligation, entered by an SROI officer
/// (rulebook §7). The computed obligation and the rule version it came from are kept; an officer may set another
/// amount with a reason, and the computed one stays beside it.
/// </summary>
public sealed class SroiContract
{
    public Guid Id { get; set; }

    /// <summary>The municipality's code (<see cref="KIP.Domain.Municipality.Code"/>).</summary>
    public required string Municipality { get; set; }

    /// <summary>The contract partner's KvK number (8 digits); its people see the contract.</summary>
    public required string PartnerKvk { get; set; }

    public required string PartnerName { get; set; }

    public required string Title { get; set; }

    public required string Reference { get; set; }

    public ContractKind Kind { get; set; }

    /// <summary>Percent of the value that is labour; only for supplies.</summary>
    public decimal? LabourSharePercent { get; set; }

    public decimal ValueExclVat { get; set; }

    public DateOnly PeriodStart { get; set; }

    /// <summary>The last day of the period.</summary>
    public DateOnly PeriodEnd { get; set; }

    public bool IsSubsidy { get; set; }

    /// <summary>The obligation by the municipality's rule (<see cref="PolicyVersion"/>), in euros.</summary>
    public decimal ComputedObligation { get; set; }

    public required string PolicyVersion { get; set; }

    /// <summary>Another amount an officer set, with <see cref="OverrideReason"/>; null when the computed one holds.</summary>
    public decimal? OverrideObligation { get; set; }

    public string? OverrideReason { get; set; }

    public Guid? OverrideBy { get; set; }

    public DateTimeOffset? OverrideAt { get; set; }

    public Guid CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The obligation that holds: the officer's amount when set, otherwise the computed one.</summary>
    public decimal Obligation => OverrideObligation ?? ComputedObligation;
}

/// <summary>
/// A purchase from a badge holder, recorded by the contract partner with its invoice (PDF, checked by content like
/// evidence), then verified or refused by an SROI officer. The same invoice number of the same supplier exists once
/// (a unique index on supplier and <see cref="InvoiceNumberKey"/>).
/// </summary>
public sealed class SroiInvoice : ISroiEntry
{
    public Guid Id { get; set; }

    public Guid ContractId { get; set; }

    /// <summary>The supplier in KIP's register (an organisation).</summary>
    public Guid SupplierOrganisationId { get; set; }

    /// <summary>The number as the partner typed it (trimmed).</summary>
    public required string InvoiceNumber { get; set; }

    /// <summary>The number without spaces, dashes, dots or slashes, upper case: "F-2026/001" and "f 2026 001" are one invoice.</summary>
    public required string InvoiceNumberKey { get; set; }

    public DateOnly InvoiceDate { get; set; }

    public decimal AmountExclVat { get; set; }

    /// <summary>The invoice's PDF in the evidence folder, under a generated name.</summary>
    public required string PdfStoredName { get; set; }

    public required string PdfFileName { get; set; }

    public long PdfSize { get; set; }

    public SroiEntryStatus Status { get; set; }

    public string? RefusalReason { get; set; }

    public Guid? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>Another SROI activity (a work-experience place, a trainee), valued by the building blocks table on its date.</summary>
public sealed class SroiActivity : ISroiEntry
{
    public Guid Id { get; set; }

    public Guid ContractId { get; set; }

    /// <summary>The building block's code (<see cref="SroiBuildingBlock.Code"/>).</summary>
    public required string BuildingBlockCode { get; set; }

    public required string Description { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>How many units of the building block (e.g. months of a work-experience place).</summary>
    public decimal Quantity { get; set; }

    public SroiEntryStatus Status { get; set; }

    public string? RefusalReason { get; set; }

    public Guid? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public Guid SubmittedBy { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
}

/// <summary>What a contract partner submits and an officer decides once: a purchase or another activity.</summary>
public interface ISroiEntry
{
    Guid Id { get; }

    SroiEntryStatus Status { get; set; }

    string? RefusalReason { get; set; }

    Guid? DecidedBy { get; set; }

    DateTimeOffset? DecidedAt { get; set; }
}

/// <summary>
/// One row of a municipality's building blocks table: a unit value from a date on. Rows are only added, never
/// changed, so the table keeps its history and an activity is valued by the row valid on its date.
/// </summary>
public sealed class SroiBuildingBlock
{
    public Guid Id { get; set; }

    public required string Municipality { get; set; }

    /// <summary>Stable code, e.g. <c>werkervaringsplaats</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The Dutch name officers gave it.</summary>
    public required string Name { get; set; }

    /// <summary>What one unit is, in Dutch (e.g. "maand").</summary>
    public required string Unit { get; set; }

    public decimal UnitValue { get; set; }

    public DateOnly ValidFrom { get; set; }

    public Guid? RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A person acting for a contract partner (its KvK number): this makes them its <c>contract-partner</c>.</summary>
public sealed class SroiPartnerLink
{
    public Guid PersonId { get; set; }

    public required string PartnerKvk { get; set; }

    public DateTimeOffset Since { get; set; }
}

/// <summary>"Each reminder once": one row per contract, period end and reminder, under a unique index.</summary>
public sealed class SroiSentReminder
{
    public Guid Id { get; set; }

    public Guid ContractId { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public int DaysBefore { get; set; }

    /// <summary>Sent, or skipped because a later one was due as well.</summary>
    public bool Skipped { get; set; }

    public DateTimeOffset At { get; set; }
}
