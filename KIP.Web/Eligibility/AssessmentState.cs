using System.Text.Json;
using KIP.Domain;
using KIP.Domain.Eligibility;

namespace KIP.Web.Eligibility;

/// <summary>The organisation's stored facts the form does not ask again (rulebook §3: its grace history included).</summary>
public sealed record OrganisationFacts(LegalForm? LegalForm, DateOnly? FoundedOn, int? Employees, DateOnly? GraceStartedOn);

/// <summary>
/// The assessment form exactly as typed (invalid half-typed values included), saved as JSON in the draft.
/// The evidence fields are the eligibility check's (<see cref="FactFields"/>); every rule is KIP.Domain's.
/// </summary>
public sealed class AssessmentState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<string> Claimed { get; set; } = [];

    public Dictionary<string, string?> Texts { get; set; } = [];

    public Dictionary<string, bool> Flags { get; set; } = [];

    public int Step { get; set; }

    /// <summary>The evidence fields the rulebook asks per criterion; flags are yes/no, the rest are text or dates.</summary>
    public static IReadOnlyList<(string Field, bool IsFlag, bool IsDate)> FieldsOf(CriterionCode code) => code.Value switch
    {
        "code-sociale-ondernemingen" => [(FactFields.CodeSocialeOndernemingenRegisteredOn, false, true)],
        "social-enterprise-nl" => [(FactFields.SocialEnterpriseNlMember, true, false)],
        "pso-30-plus" => [(FactFields.Pso30PlusValidUntil, false, true)],
        "non-profit" => [(FactFields.NonProfit, true, false)],
        "b-corp" => [(FactFields.BCorpCertifiedOn, false, true), (FactFields.BCorpValidUntil, false, true)],
        "startup-zzp" => [(FactFields.SocialMission, false, false)],
        _ => [],
    };

    public IReadOnlyList<CriterionCode> ClaimedCriteria =>
        [.. Claimed.Select(c => CriterionCode.TryParse(c, out var code) ? code : null).OfType<CriterionCode>().Distinct().OrderBy(c => c.Order)];

    public string? Text(string field) => Texts.GetValueOrDefault(field);

    public bool Flag(string field) => Flags.GetValueOrDefault(field);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AssessmentState FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new AssessmentState();
        }

        try
        {
            return JsonSerializer.Deserialize<AssessmentState>(json, Json) ?? new AssessmentState();
        }
        catch (JsonException)
        {
            return new AssessmentState();
        }
    }

    /// <summary>The domain's answer on <paramref name="today"/>, or the field errors in its way; a startup's age is judged on the first submission.</summary>
    public (EligibilityResult? Result, IReadOnlyList<InputError> Errors) Evaluate(OrganisationFacts organisation, DateOnly today, DateOnly? firstSubmittedOn)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var errors = new List<InputError>();
        var claimed = ClaimedCriteria;
        bool Claims(CriterionCode code) => claimed.Contains(code);
        var facts = new EligibilityFacts
        {
            LegalForm = organisation.LegalForm,
            FoundedOn = organisation.FoundedOn,
            Employees = organisation.Employees,
            GraceStartedOn = organisation.GraceStartedOn,
            SocialMission = Claims(CriterionCode.StartupZzp) ? Text(FactFields.SocialMission) : null,
            CodeSocialeOndernemingenRegisteredOn = Claims(CriterionCode.CodeSocialeOndernemingen)
                ? EligibilityInput.Date(FactFields.CodeSocialeOndernemingenRegisteredOn, Text(FactFields.CodeSocialeOndernemingenRegisteredOn), errors) : null,
            SocialEnterpriseNlMember = Claims(CriterionCode.SocialEnterpriseNl) && Flag(FactFields.SocialEnterpriseNlMember),
            Pso30PlusValidUntil = Claims(CriterionCode.Pso30Plus) ? EligibilityInput.Date(FactFields.Pso30PlusValidUntil, Text(FactFields.Pso30PlusValidUntil), errors) : null,
            BCorpCertifiedOn = Claims(CriterionCode.BCorp) ? EligibilityInput.Date(FactFields.BCorpCertifiedOn, Text(FactFields.BCorpCertifiedOn), errors) : null,
            BCorpValidUntil = Claims(CriterionCode.BCorp) ? EligibilityInput.Date(FactFields.BCorpValidUntil, Text(FactFields.BCorpValidUntil), errors) : null,
            NonProfit = Claims(CriterionCode.NonProfit) && Flag(FactFields.NonProfit),
        };
        KIP.Web.Eligibility.EligibilityInput.Evaluate(facts, today, errors);
        return errors.Count > 0 ? (null, errors) : (KIP.Domain.Eligibility.EligibilityCheck.Evaluate(facts, today, firstSubmittedOn), errors);
    }
}
