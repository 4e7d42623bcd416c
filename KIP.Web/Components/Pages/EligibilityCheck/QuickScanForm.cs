using KIP.Domain;
using KIP.Domain.Eligibility;
using KIP.Web.Eligibility;
using Microsoft.AspNetCore.WebUtilities;

namespace KIP.Web.Components.Pages.EligibilityCheck;

/// <summary>
/// What the visitor typed, as typed, keyed by the API's field names; it lives in the query string so a
/// check can be shared, bookmarked, reloaded or switched to English without losing anything.
/// </summary>
public sealed class QuickScanForm
{
    public static readonly IReadOnlyList<string> TextFields =
    [
        EligibilityInput.CheckDateField, FactFields.LegalForm, FactFields.FoundedOn, FactFields.Employees, FactFields.SocialMission,
        FactFields.CodeSocialeOndernemingenRegisteredOn, FactFields.Pso30PlusValidUntil, FactFields.BCorpCertifiedOn,
        FactFields.BCorpValidUntil, FactFields.GraceStartedOn,
    ];

    public static readonly IReadOnlyList<string> FlagFields = [FactFields.SocialEnterpriseNlMember, FactFields.NonProfit];

    private readonly Dictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);

    public string? Text(string field) => _texts.GetValueOrDefault(field);

    public void SetText(string field, string? value) => _texts[field] = value;

    public bool Flag(string field) => _flags.GetValueOrDefault(field);

    public void SetFlag(string field, bool value) => _flags[field] = value;

    public static QuickScanForm FromUri(string uri)
    {
        var form = new QuickScanForm();
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        foreach (var field in TextFields)
        {
            if (query.TryGetValue(field, out var value))
            {
                form.SetText(field, value.ToString());
            }
        }

        foreach (var field in FlagFields)
        {
            form.SetFlag(field, query.TryGetValue(field, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));
        }

        return form;
    }

    /// <summary>The query string for the current input; empty fields are left out.</summary>
    public IReadOnlyDictionary<string, object?> ToQuery()
    {
        var query = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in TextFields)
        {
            query[field] = string.IsNullOrEmpty(Text(field)) ? null : Text(field);
        }

        foreach (var field in FlagFields)
        {
            query[field] = Flag(field) ? "true" : null;
        }

        return query;
    }

    /// <summary>The domain's answer, or the field errors that stand in its way (checkDate defaults to <paramref name="today"/>).</summary>
    public (EligibilityResult? Result, DateOnly CheckDate, IReadOnlyList<InputError> Errors) Evaluate(DateOnly today)
    {
        var errors = new List<InputError>();
        var checkDate = EligibilityInput.Date(EligibilityInput.CheckDateField, Text(EligibilityInput.CheckDateField), errors) ?? today;
        var facts = new EligibilityFacts
        {
            LegalForm = EligibilityInput.LegalFormOf(Text(FactFields.LegalForm), errors),
            FoundedOn = EligibilityInput.Date(FactFields.FoundedOn, Text(FactFields.FoundedOn), errors),
            Employees = EligibilityInput.Employees(Text(FactFields.Employees), errors),
            SocialMission = Text(FactFields.SocialMission),
            CodeSocialeOndernemingenRegisteredOn = EligibilityInput.Date(
                FactFields.CodeSocialeOndernemingenRegisteredOn, Text(FactFields.CodeSocialeOndernemingenRegisteredOn), errors),
            SocialEnterpriseNlMember = Flag(FactFields.SocialEnterpriseNlMember),
            Pso30PlusValidUntil = EligibilityInput.Date(FactFields.Pso30PlusValidUntil, Text(FactFields.Pso30PlusValidUntil), errors),
            BCorpCertifiedOn = EligibilityInput.Date(FactFields.BCorpCertifiedOn, Text(FactFields.BCorpCertifiedOn), errors),
            BCorpValidUntil = EligibilityInput.Date(FactFields.BCorpValidUntil, Text(FactFields.BCorpValidUntil), errors),
            NonProfit = Flag(FactFields.NonProfit),
            GraceStartedOn = EligibilityInput.Date(FactFields.GraceStartedOn, Text(FactFields.GraceStartedOn), errors),
        };

        // A malformed check date leaves nothing to judge the other dates against.
        var result = errors.Exists(e => e.Field == EligibilityInput.CheckDateField)
            ? null
            : EligibilityInput.Evaluate(facts, checkDate, errors);
        return (result, checkDate, errors);
    }

    /// <summary>The legal forms to choose from, in the domain's order.</summary>
    public static IReadOnlyList<string> LegalForms => [.. LegalForm.All.Select(f => f.Code)];
}
