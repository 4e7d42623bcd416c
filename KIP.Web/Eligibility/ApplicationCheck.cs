using KIP.Domain.Eligibility;
using KIP.Domain.Organisations;

namespace KIP.Web.Eligibility;

/// <summary>The check of a submitted application, as the commission and the live session read it.</summary>
public static class ApplicationCheck
{
    /// <summary>
    /// KIP.Domain's check of an application: over its submitted assessment form (evidence fields and the
    /// organisation's stored facts, as the form evaluated them for the applicant), or — for an application
    /// without a form (imported) or a form that no longer reads — over the stored facts alone.
    /// </summary>
    public static EligibilityResult Evaluate(Organisation organisation, string? formJson, DateOnly today, DateOnly? firstSubmittedOn)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        if (formJson is not null)
        {
            var facts = new OrganisationFacts(organisation.LegalForm, organisation.FoundedOn, organisation.Employees, organisation.GraceStartedOn);
            if (AssessmentState.FromJson(formJson).Evaluate(facts, today, firstSubmittedOn).Result is { } result)
            {
                return result;
            }
        }

        return KIP.Domain.Eligibility.EligibilityCheck.Evaluate(FactsOf(organisation), today, firstSubmittedOn);
    }

    /// <summary>
    /// The facts KIP stores about an organisation, as the eligibility check reads them. Registrations and
    /// certificates (Code, Social Enterprise NL, PSO, B Corp, non-profit) are in the assessment form, not here: unknown.
    /// </summary>
    public static EligibilityFacts FactsOf(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return new EligibilityFacts
        {
            LegalForm = organisation.LegalForm,
            FoundedOn = organisation.FoundedOn,
            Employees = organisation.Employees,
            SocialMission = organisation.SocialMission,
            GraceStartedOn = organisation.GraceStartedOn,
        };
    }
}
