namespace KIP.Domain.Eligibility;

/// <summary>What an applicant tells the eligibility check (rulebook §2–§3); every fact is optional.</summary>
public sealed record EligibilityFacts
{
    public LegalForm? LegalForm { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public int? Employees { get; init; }
    public string? SocialMission { get; init; }
    public DateOnly? CodeSocialeOndernemingenRegisteredOn { get; init; }
    public bool? SocialEnterpriseNlMember { get; init; }
    public DateOnly? Pso30PlusValidUntil { get; init; }
    public DateOnly? BCorpCertifiedOn { get; init; }
    public DateOnly? BCorpValidUntil { get; init; }
    public bool? NonProfit { get; init; }

    /// <summary>The start of an earlier <c>startup-zzp</c> grace period, if any.</summary>
    public DateOnly? GraceStartedOn { get; init; }

    /// <summary>
    /// Input the rulebook calls invalid (§2): a founding, Code registration, B Corp certification
    /// or grace start date after the check date; a B Corp valid-until before its certification;
    /// a negative number of employees; the check date or any date outside the dates KIP reckons with
    /// (<see cref="RecognitionPolicy.IsWithinDateRange"/>). A valid-until already past is not invalid.
    /// <see cref="FactError.Field"/> is the API's camelCase field name.
    /// </summary>
    public IReadOnlyList<FactError> Validate(DateOnly checkDate)
    {
        var errors = new List<FactError>();
        AddIfOutsideRange(errors, FactFields.CheckDate, checkDate);
        AddIfOutsideRange(errors, FactFields.FoundedOn, FoundedOn);
        AddIfOutsideRange(errors, FactFields.CodeSocialeOndernemingenRegisteredOn, CodeSocialeOndernemingenRegisteredOn);
        AddIfOutsideRange(errors, FactFields.Pso30PlusValidUntil, Pso30PlusValidUntil);
        AddIfOutsideRange(errors, FactFields.BCorpCertifiedOn, BCorpCertifiedOn);
        AddIfOutsideRange(errors, FactFields.BCorpValidUntil, BCorpValidUntil);
        AddIfOutsideRange(errors, FactFields.GraceStartedOn, GraceStartedOn);
        AddIfAfter(errors, FactFields.FoundedOn, FoundedOn, checkDate);
        AddIfAfter(errors, FactFields.CodeSocialeOndernemingenRegisteredOn, CodeSocialeOndernemingenRegisteredOn, checkDate);
        AddIfAfter(errors, FactFields.BCorpCertifiedOn, BCorpCertifiedOn, checkDate);
        AddIfAfter(errors, FactFields.GraceStartedOn, GraceStartedOn, checkDate);
        if (BCorpCertifiedOn is { } certified && BCorpValidUntil is { } until && until < certified)
        {
            errors.Add(new FactError(FactFields.BCorpValidUntil, FactErrorKind.BeforeCertification));
        }

        if (Employees is < 0)
        {
            errors.Add(new FactError(FactFields.Employees, FactErrorKind.Negative));
        }

        return errors;
    }

    private static void AddIfOutsideRange(List<FactError> errors, string field, DateOnly? date)
    {
        if (date is { } d && !RecognitionPolicy.IsWithinDateRange(d))
        {
            errors.Add(new FactError(field, FactErrorKind.OutsideDateRange));
        }
    }

    private static void AddIfAfter(List<FactError> errors, string field, DateOnly? date, DateOnly checkDate)
    {
        if (date > checkDate)
        {
            errors.Add(new FactError(field, FactErrorKind.AfterCheckDate));
        }
    }
}

/// <summary>The API field names of <see cref="EligibilityFacts"/>, for error messages.</summary>
public static class FactFields
{
    /// <summary>The date the check is made for (not a fact, but validated with them).</summary>
    public const string CheckDate = "checkDate";
    public const string LegalForm = "legalForm";
    public const string FoundedOn = "foundedOn";
    public const string Employees = "employees";
    public const string SocialMission = "socialMission";
    public const string CodeSocialeOndernemingenRegisteredOn = "codeSocialeOndernemingenRegisteredOn";
    public const string SocialEnterpriseNlMember = "socialEnterpriseNlMember";
    public const string Pso30PlusValidUntil = "pso30PlusValidUntil";
    public const string BCorpCertifiedOn = "bCorpCertifiedOn";
    public const string BCorpValidUntil = "bCorpValidUntil";
    public const string NonProfit = "nonProfit";
    public const string GraceStartedOn = "graceStartedOn";
}

public enum FactErrorKind
{
    /// <summary>A date that may not lie after the check date does.</summary>
    AfterCheckDate,

    /// <summary>The B Corp valid-until date lies before the certification date.</summary>
    BeforeCertification,

    /// <summary>A count that cannot be negative is.</summary>
    Negative,

    /// <summary>A date lies outside the dates KIP reckons with (<see cref="RecognitionPolicy.IsWithinDateRange"/>).</summary>
    OutsideDateRange,
}

public sealed record FactError(string Field, FactErrorKind Kind);
