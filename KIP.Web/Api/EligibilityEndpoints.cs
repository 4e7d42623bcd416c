using KIP.Domain;
using KIP.Domain.Eligibility;
using KIP.Web.Eligibility;

namespace KIP.Web.Api;

/// <summary>A criterion's outcome in the quick scan's answer.</summary>
public sealed record CriterionResult(string Code, bool Met, DateOnly? ValidUntil, string Reason);

/// <summary>The quick scan's answer (product.md, <c>POST /api/v1/eligibility-checks</c>).</summary>
public sealed record EligibilityCheckResponse(DateOnly CheckDate, bool Eligible, DateOnly? ValidUntil, IReadOnlyList<CriterionResult> Criteria);

/// <summary>What the quick scan is told; every field is optional, unknown fields are ignored. For the OpenAPI document only.</summary>
public sealed class EligibilityCheckRequest
{
    /// <summary>Defaults to today in Europe/Amsterdam.</summary>
    public DateOnly? CheckDate { get; init; }

    /// <summary>eenmanszaak, vof, maatschap, cv, bv, nv, stichting, vereniging, cooperatie or onderlinge-waarborgmaatschappij; capitals do not matter.</summary>
    public string? LegalForm { get; init; }

    public DateOnly? FoundedOn { get; init; }

    public int? Employees { get; init; }

    public string? SocialMission { get; init; }

    public DateOnly? CodeSocialeOndernemingenRegisteredOn { get; init; }

    public bool? SocialEnterpriseNlMember { get; init; }

    public DateOnly? Pso30PlusValidUntil { get; init; }

    public DateOnly? BCorpCertifiedOn { get; init; }

    public DateOnly? BCorpValidUntil { get; init; }

    public bool? NonProfit { get; init; }

    /// <summary>The start of an earlier startup-zzp grace period, if any.</summary>
    public DateOnly? GraceStartedOn { get; init; }
}

/// <summary>One of the six criteria, from the definitions the domain uses (product.md, <c>GET /api/v1/criteria</c>).</summary>
public sealed record CriterionDescription(
    string Code, string TitleNl, string TitleEn, string EvidenceNl, string EvidenceEn, string ValidityNl, string ValidityEn);

/// <summary>
/// The JSON body an endpoint reads by hand, for the OpenAPI document only: unlike <c>Accepts</c> it does not
/// make routing refuse a body sent without <c>Content-Type: application/json</c> — any body is read as JSON.
/// </summary>
public sealed record RequestBodyType(Type Type);

public static class EligibilityEndpoints
{
    public static RouteGroupBuilder MapEligibilityEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/eligibility-checks", CheckAsync)
            .WithName("createEligibilityCheck")
            .WithTags("Erkenningscheck")
            .WithSummary("De erkenningscheck: voldoet een organisatie aan een van de zes criteria?")
            .WithDescription("Beoordeelt de zes criteria van de erkenning als sociaal ondernemer op de checkdatum (standaard vandaag, Europe/Amsterdam). Alle velden zijn optioneel; onbekende velden worden genegeerd. Datums als jjjj-mm-dd.")
            .WithMetadata(new RequestBodyType(typeof(EligibilityCheckRequest)))
            .Produces<EligibilityCheckResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/criteria", ListCriteria)
            .WithName("listCriteria")
            .WithTags("Criteria")
            .WithSummary("De zes criteria voor erkenning als sociaal ondernemer")
            .WithDescription("Code, titel, gevraagd bewijs en geldigheid van elk criterium, in het Nederlands en het Engels.")
            .Produces<IReadOnlyList<CriterionDescription>>(StatusCodes.Status200OK);
        return api;
    }

    private static async Task<IResult> CheckAsync(HttpContext context, TimeProvider time, EligibilityTexts texts)
    {
        var request = await EligibilityRequestReader.ReadAsync(context.Request, context.RequestAborted);
        var checkDate = request.CheckDate ?? AmsterdamCalendar.Today(time);
        var errors = request.Errors;

        // A malformed check date leaves nothing to judge the other dates against.
        var result = errors.Exists(e => e.Field == EligibilityInput.CheckDateField)
            ? null
            : EligibilityInput.Evaluate(request.Facts, checkDate, errors);
        if (result is null)
        {
            var invalid = errors
                .Select(e => new InvalidParam(e.Field, ToKebab(e.Kind), texts.Error(e, e.Field, checkDate)))
                .ToList();
            return ApiProblems.InvalidInput(invalid, context.Request.Path);
        }

        var criteria = result.Criteria
            .Select(o => new CriterionResult(o.Code.Value, o.Met, o.ValidUntil, texts.Reason(o)))
            .ToList();
        return TypedResults.Ok(new EligibilityCheckResponse(result.CheckDate, result.Eligible, result.ValidUntil, criteria));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<List<CriterionDescription>> ListCriteria() =>
        TypedResults.Ok(Criteria.All
            .Select(c => new CriterionDescription(c.Code.Value, c.TitleNl, c.TitleEn, c.EvidenceNl, c.EvidenceEn, c.ValidityNl, c.ValidityEn))
            .ToList());

    private static string ToKebab(InputErrorKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
