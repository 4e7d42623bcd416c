using System.Text.Json;
using KIP.Domain.Applications;
using KIP.Web.Data;
using KIP.Web.Eligibility;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>A form version's texts for the page.</summary>
public sealed record FormTexts(int Version, string Title, string Explanation, IReadOnlyDictionary<string, string> Guidance)
{
    public static FormTexts Of(FormVersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Version, record.Title, record.Explanation, ParseGuidance(record.GuidanceJson));
    }

    public static Dictionary<string, string> ParseGuidance(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

/// <summary>A submitted application as its summary page prints it.</summary>
public sealed record SubmittedSummary(
    Application Application, string OrganisationName, string Kvk, DateOnly SubmittedOn, AssessmentState? Form, IReadOnlyList<EvidenceDocument> Documents);

/// <summary>Why a new application may or may not start: the organisation's admission, and the open application if any.</summary>
public sealed record StartCheck(bool Admitted, ApplicationStatus? OpenStatus, Guid? OpenApplicationId);

/// <summary>What the assessment page works on: the application, its draft, its form version and the organisation's facts.</summary>
public sealed record AssessmentContext(
    Application Application,
    AssessmentState State,
    FormTexts Texts,
    OrganisationFacts Facts,
    string OrganisationName,
    IReadOnlyList<EvidenceDocument> Documents);
