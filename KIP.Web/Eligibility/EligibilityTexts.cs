using System.Globalization;
using KIP.Domain;
using KIP.Domain.Eligibility;
using KIP.Web.Localization;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Eligibility;

/// <summary>
/// The one place where an eligibility outcome or a refused value becomes a sentence, for the API (always
/// Dutch) and the page (the visitor's language). Texts live in Resources/Text*.resx; dates read as
/// "26 november 2026" in the current culture.
/// </summary>
public sealed class EligibilityTexts(IStringLocalizer<Text> localizer)
{
    private const int MaxEcho = 40;

    /// <summary>
    /// A short sentence saying why a criterion is or is not met; names the date where there is one ({0}) and the policy's
    /// numbers: the grace period ({1}), a startup's age ({2}) and a mission's minimum length ({3}).
    /// </summary>
    public string Reason(CriterionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var date = outcome.ReasonDate is { } d ? DutchDates.Format(d) : string.Empty;
        return localizer[$"Reason.{outcome.Reason}", date, Years(RecognitionPolicy.GracePeriodYears), Years(RecognitionPolicy.StartupAgeYears), RecognitionPolicy.MissionMinimumLength];
    }

    /// <summary>A number of years from <see cref="RecognitionPolicy"/> as text ("2 jaar"), for the sentences that name it.</summary>
    public string Years(int years) => localizer.Plural(PolicyYearsKey, years);

    /// <summary>The resource key of <see cref="Years"/> (<c>.One</c>/<c>.Other</c>).</summary>
    public const string PolicyYearsKey = "Policy.Years";

    /// <summary>Why a value is refused; <paramref name="fieldName"/> is the API field name or the page's label.</summary>
    public string Error(InputError error, string fieldName, DateOnly? checkDate = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var given = error.Given is null ? string.Empty
            : error.Given.Length > MaxEcho ? error.Given[..MaxEcho] + "…" : error.Given;
        return error.Kind switch
        {
            InputErrorKind.TooLarge => localizer["Eligibility.Error.TooLarge", EligibilityLimits.MaxBodyBytes],
            InputErrorKind.TooDeep => localizer["Eligibility.Error.TooDeep", EligibilityLimits.MaxDepth],
            InputErrorKind.UnknownLegalForm => localizer[
                "Eligibility.Error.UnknownLegalForm", fieldName, given, string.Join(", ", LegalForm.All.Select(f => f.Code))],
            InputErrorKind.OutsideDateRange => localizer[
                "Eligibility.Error.OutsideDateRange", fieldName, DutchDates.Format(RecognitionPolicy.EarliestDate), DutchDates.Format(RecognitionPolicy.LatestDate)],
            InputErrorKind.AfterCheckDate => localizer[
                "Eligibility.Error.AfterCheckDate", fieldName, checkDate is { } c ? DutchDates.Format(c) : string.Empty],
            _ => localizer[$"Eligibility.Error.{error.Kind}", fieldName, given],
        };
    }

    /// <summary>The criterion's title in the current language, from the domain's definitions.</summary>
    public static string Title(CriterionCode code) => IsEnglish ? Criteria.Get(code).TitleEn : Criteria.Get(code).TitleNl;

    /// <summary>The criterion's validity rule in the current language, from the domain's definitions.</summary>
    public static string Validity(CriterionCode code) => IsEnglish ? Criteria.Get(code).ValidityEn : Criteria.Get(code).ValidityNl;

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

/// <summary>How much a request to the eligibility check may hold.</summary>
public static class EligibilityLimits
{
    /// <summary>A full request is well under 2 kB; a long mission statement fits many times over.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The request is flat; some nesting in ignored fields is tolerated.</summary>
    public const int MaxDepth = 16;
}
