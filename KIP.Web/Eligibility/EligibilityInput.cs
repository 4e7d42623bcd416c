using System.Globalization;
using KIP.Domain;
using KIP.Domain.Eligibility;

namespace KIP.Web.Eligibility;

/// <summary>Why a value given to the eligibility check is refused, before or by the domain (rulebook §2).</summary>
public enum InputErrorKind
{
    NotAnObject,
    InvalidJson,
    TooDeep,
    TooLarge,
    ExpectedDate,
    ExpectedText,
    InvalidCharacters,
    ExpectedBoolean,
    ExpectedNumber,
    MalformedDate,
    UnknownLegalForm,
    NotWhole,
    OutOfRange,

    /// <summary><see cref="FactErrorKind.AfterCheckDate"/>.</summary>
    AfterCheckDate,

    /// <summary><see cref="FactErrorKind.BeforeCertification"/>.</summary>
    BeforeCertification,

    /// <summary><see cref="FactErrorKind.Negative"/>.</summary>
    Negative,

    /// <summary><see cref="FactErrorKind.OutsideDateRange"/>.</summary>
    OutsideDateRange,
}

/// <summary>One refused value: the API field name (<see cref="FactFields"/>), why, and what was given.</summary>
public sealed record InputError(string Field, InputErrorKind Kind, string? Given = null);

/// <summary>
/// Turns what a person or a client typed into <see cref="EligibilityFacts"/>, for the API and the page alike.
/// Only the shape of a value is checked here; every rule is KIP.Domain's (<see cref="EligibilityFacts.Validate"/>).
/// </summary>
public static class EligibilityInput
{
    public const string CheckDateField = FactFields.CheckDate;
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>A calendar date written as yyyy-MM-dd; "2026-02-30" is no date.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses an optional date; blank is "not given".</summary>
    public static DateOnly? Date(string field, string? text, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TryParseDate(text.Trim(), out var date))
        {
            return date;
        }

        errors.Add(new InputError(field, InputErrorKind.MalformedDate, text));
        return null;
    }

    /// <summary>Parses an optional legal form, without regard to capitals (rulebook §2).</summary>
    public static LegalForm? LegalFormOf(string? text, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (LegalForm.TryParse(text, out var legalForm))
        {
            return legalForm;
        }

        errors.Add(new InputError(FactFields.LegalForm, InputErrorKind.UnknownLegalForm, text));
        return null;
    }

    /// <summary>Parses an optional number of employees: a whole number (its sign is the domain's concern).</summary>
    public static int? Employees(decimal? number, string given, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (number is not { } value)
        {
            return null;
        }

        if (value != decimal.Truncate(value))
        {
            errors.Add(new InputError(FactFields.Employees, InputErrorKind.NotWhole, given));
            return null;
        }

        if (value is > int.MaxValue or < int.MinValue)
        {
            errors.Add(new InputError(FactFields.Employees, InputErrorKind.OutOfRange, given));
            return null;
        }

        return (int)value;
    }

    /// <summary>Parses the employees field as typed on the page ("3", "2,5").</summary>
    public static int? Employees(string? text, ICollection<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = text.Trim().Replace(',', '.');
        if (!decimal.TryParse(normalised, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add(new InputError(FactFields.Employees, InputErrorKind.ExpectedNumber, text));
            return null;
        }

        return Employees(number, text, errors);
    }

    /// <summary>
    /// Runs the domain's check when the input is valid: the shape errors found so far plus the domain's own
    /// (<see cref="EligibilityFacts.Validate"/>) are returned instead of a result otherwise.
    /// </summary>
    public static EligibilityResult? Evaluate(EligibilityFacts facts, DateOnly checkDate, List<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(errors);
        errors.AddRange(facts.Validate(checkDate).Select(e => new InputError(e.Field, KindOf(e.Kind))));
        return errors.Count == 0 ? EligibilityCheck.Evaluate(facts, checkDate) : null;
    }

    private static InputErrorKind KindOf(FactErrorKind kind) => kind switch
    {
        FactErrorKind.AfterCheckDate => InputErrorKind.AfterCheckDate,
        FactErrorKind.BeforeCertification => InputErrorKind.BeforeCertification,
        FactErrorKind.Negative => InputErrorKind.Negative,
        FactErrorKind.OutsideDateRange => InputErrorKind.OutsideDateRange,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
