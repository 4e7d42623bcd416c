namespace KIP.Domain.Sroi;

/// <summary>
/// What an SROI officer enters for a contract (or subsidy), as typed. <see cref="Check"/> names every field that is
/// wrong, each with a stable code (texts under <c>DomainError.*</c>), so a form keeps all input and shows each message
/// at its field.
/// </summary>
public sealed record ContractTerms(
    string? MunicipalityCode,
    string? PartnerKvk,
    string? PartnerName,
    string? Title,
    string? Reference,
    ContractKind? Kind,
    decimal? LabourSharePercent,
    decimal? ValueExclVat,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    bool IsSubsidy)
{
    public const int MaxTextLength = 200;

    public static class Fields
    {
        public const string Municipality = "municipality";
        public const string PartnerKvk = "partnerKvk";
        public const string PartnerName = "partnerName";
        public const string Title = "title";
        public const string Reference = "reference";
        public const string Kind = "kind";
        public const string LabourShare = "labourShare";
        public const string Value = "value";
        public const string PeriodStart = "periodStart";
        public const string PeriodEnd = "periodEnd";
        public const string Subsidy = "subsidy";
    }

    /// <summary>Every wrong field with its error code; empty when the terms can be stored.</summary>
    public IReadOnlyDictionary<string, string> Check()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Municipality.TryParse(MunicipalityCode, out var municipality))
        {
            errors[Fields.Municipality] = "sroi.municipality-required";
        }

        if (string.IsNullOrWhiteSpace(PartnerKvk))
        {
            errors[Fields.PartnerKvk] = "sroi.partner-kvk-required";
        }
        else if (!KvkNumber.TryParse(PartnerKvk.Trim(), out _))
        {
            errors[Fields.PartnerKvk] = "kvk.invalid";
        }

        Text(errors, Fields.PartnerName, PartnerName, "sroi.partner-name-required");
        Text(errors, Fields.Title, Title, "sroi.title-required");
        Text(errors, Fields.Reference, Reference, "sroi.reference-required");
        if (Kind is null)
        {
            errors[Fields.Kind] = "sroi.kind-required";
        }
        else if (Kind == ContractKind.Supplies && (LabourSharePercent is not { } share || share < 0 || share > 100 || Math.Round(share, 2) != share))
        {
            errors[Fields.LabourShare] = "sroi.labour-share-invalid";
        }

        if (ValueExclVat is not { } value)
        {
            errors[Fields.Value] = "sroi.value-required";
        }
        else if (!SroiAmounts.IsValid(value))
        {
            errors[Fields.Value] = "sroi.value-invalid";
        }

        if (PeriodStart is not { } start)
        {
            errors[Fields.PeriodStart] = "sroi.period-start-required";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(start))
        {
            errors[Fields.PeriodStart] = "sroi.date-out-of-range";
        }

        if (PeriodEnd is not { } end)
        {
            errors[Fields.PeriodEnd] = "sroi.period-end-required";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(end))
        {
            errors[Fields.PeriodEnd] = "sroi.date-out-of-range";
        }
        else if (PeriodStart is { } from && end < from)
        {
            errors[Fields.PeriodEnd] = "sroi.period-end-before-start";
        }

        if (IsSubsidy && municipality is not null && !SroiObligationPolicies.CountsSubsidies(municipality))
        {
            errors[Fields.Subsidy] = "sroi.subsidy-not-counted";
        }

        return errors;
    }

    /// <summary>The obligation by the municipality's rule that applies on <paramref name="enteredOn"/>; the terms must be valid.</summary>
    public ObligationComputation ComputeObligation(DateOnly enteredOn)
    {
        if (Check() is { Count: > 0 } errors)
        {
            throw new DomainException(errors.First().Value, "The contract's terms are not complete.");
        }

        return SroiObligationPolicies.For(Municipality.Parse(MunicipalityCode), enteredOn).Compute(Kind!.Value, ValueExclVat!.Value, LabourSharePercent);
    }

    private static void Text(Dictionary<string, string> errors, string field, string? value, string requiredCode)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = requiredCode;
        }
        else if (value.Trim().Length > MaxTextLength)
        {
            errors[field] = "sroi.text-too-long";
        }
    }
}
