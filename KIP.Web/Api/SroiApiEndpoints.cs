using System.Globalization;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Components.Pages.Overview;
using KIP.Web.Identity;
using KIP.Web.Localization;
using KIP.Web.Sroi;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KIP.Web.Api;

/// <summary>A contract with an SROI obligation and its realisation on <c>today</c> (rulebook §7). Amounts in euros excl. VAT.</summary>
public sealed record SroiContractItem(
    Guid Id,
    string Reference,
    string Title,
    string Municipality,
    string PartnerName,
    string PartnerKvkNumber,
    string Kind,
    decimal? LabourSharePercent,
    bool IsSubsidy,
    decimal ValueExclVat,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    decimal Obligation,
    decimal ComputedObligation,
    string PolicyVersion,
    string? ObligationReason,
    decimal Realised,
    decimal RealisedFromInvoices,
    decimal RealisedFromActivities,
    int? RealisedPercent,
    decimal Remaining,
    bool Met,
    int DaysLeft);

/// <summary>An invoice from a badge holder and whether it counts: <c>counts</c>, <c>not-verified</c>, <c>refused</c> or <c>supplier-not-recognised</c>.</summary>
public sealed record SroiInvoiceItem(
    string InvoiceNumber,
    Guid SupplierId,
    string SupplierName,
    DateOnly InvoiceDate,
    decimal AmountExclVat,
    string Status,
    string Outcome,
    decimal CountedAmount,
    string? RefusalReason);

/// <summary>Another SROI activity, valued by the municipality's building block on its date.</summary>
public sealed record SroiActivityItem(string BuildingBlock, string Description, DateOnly ActivityDate, decimal Quantity, string Status, string Outcome, decimal CountedAmount);

public sealed record SroiContractListResponse(DateOnly ReferenceDate, IReadOnlyList<SroiContractItem> Items);

public sealed record SroiContractResponse(DateOnly ReferenceDate, SroiContractItem Contract, IReadOnlyList<SroiInvoiceItem> Invoices, IReadOnlyList<SroiActivityItem> Activities);

/// <summary>
/// The read-only SROI API for a municipality's own monitoring systems: authenticated with KIP's sign-in session,
/// for SROI officers (every contract) and contract partners (only their own contracts). Not signed in: 401; another
/// role: 403; a contract one may not open answers 404, as one that does not exist. Numbers from
/// <see cref="SroiLedger"/> through <see cref="SroiRealisationService"/>, the same as the pages and the CSV export.
/// </summary>
public static class SroiApiEndpoints
{
    public const string ContractsPath = ApiSetup.Prefix + "/sroi/contracts";

    public static IEndpointRouteBuilder MapSroiApi(this IEndpointRouteBuilder endpoints)
    {
        var sroi = endpoints.MapGroup(ApiSetup.Prefix + "/sroi")
            .RequireAuthorization(KipPolicies.SroiContract)
            .AddEndpointFilter(async (context, next) =>
            {
                CultureInfo.CurrentCulture = KipCultures.Default;
                CultureInfo.CurrentUICulture = KipCultures.Default;
                context.HttpContext.Response.Headers.ContentLanguage = KipCultures.Dutch;
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        sroi.MapGet("/contracts", ListAsync)
            .WithName("listSroiContracts")
            .WithTags("SROI")
            .WithSummary("Contracten met een SROI-verplichting en hun realisatie")
            .WithDescription("Alleen met een aangemelde sessie van KIP: een SROI-consulent ziet alle contracten, een contractpartner alleen de eigen. Filter op gemeente (kebab-case). Bedragen in euro's exclusief btw; gerealiseerd telt alleen geverifieerde facturen van een leverancier die op de factuurdatum het keurmerk had, en geverifieerde activiteiten.")
            .Produces<SroiContractListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        sroi.MapGet("/contracts/{id}", GetAsync)
            .WithName("getSroiContract")
            .WithTags("SROI")
            .WithSummary("Eén contract met zijn facturen, activiteiten en realisatie")
            .WithDescription("Alleen met een aangemelde sessie van KIP; een contract dat u niet mag inzien antwoordt 404, zoals een contract dat niet bestaat.")
            .Produces<SroiContractResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>Under <c>/api</c> a missing or insufficient sign-in is a 401 or 403 problem, never a redirect to a sign-in page.</summary>
    public static IServiceCollection AddSroiApi(this IServiceCollection services)
    {
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            var toLogin = cookie.Events.OnRedirectToLogin;
            var toDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = context => IsApi(context.Request) ? Status(context.Response, StatusCodes.Status401Unauthorized) : toLogin(context);
            cookie.Events.OnRedirectToAccessDenied = context => IsApi(context.Request) ? Status(context.Response, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static async Task<IResult> ListAsync(HttpContext context, SroiRealisationService sroi, TimeProvider time)
    {
        Municipality? municipality = null;
        var value = context.Request.Query["municipality"];
        if (value.Count > 1 || (value.Count == 1 && !Municipality.TryParse(value[0], out municipality)))
        {
            return ApiProblems.InvalidInput(
                [new InvalidParam("municipality", "invalid", $"'{value}' is geen van de zeven gemeenten; gebruik er één van: {string.Join(", ", Municipality.All.Select(m => m.Code))}.")],
                context.Request.Path);
        }

        var contracts = await sroi.ContractsAsync(context.User, municipality, context.RequestAborted);
        return TypedResults.Ok(new SroiContractListResponse(AmsterdamCalendar.Today(time), [.. contracts.Select(Item)]));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, SroiRealisationService sroi, TimeProvider time)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return ApiProblems.InvalidInput([new InvalidParam("id", "invalid", $"'{id}' is geen geldig contract-id (een GUID).")], context.Request.Path);
        }

        var contract = await sroi.ContractAsync(context.User, guid, context.RequestAborted);
        if (contract is null)
        {
            return TypedResults.Problem(
                detail: $"Er is geen contract {id} dat u mag inzien.",
                instance: context.Request.Path,
                statusCode: StatusCodes.Status404NotFound,
                title: "Contract niet gevonden",
                type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5");
        }

        return TypedResults.Ok(new SroiContractResponse(
            AmsterdamCalendar.Today(time),
            Item(contract),
            [.. contract.Invoices.Select(i => new SroiInvoiceItem(
                i.Invoice.InvoiceNumber, i.Invoice.SupplierOrganisationId, i.SupplierName, i.Invoice.InvoiceDate, i.Invoice.AmountExclVat,
                Code(i.Invoice.Status.ToString()), Code(i.Count.Reason.ToString()), i.Count.Amount, i.Invoice.RefusalReason))],
            [.. contract.Activities.Select(a => new SroiActivityItem(
                a.Activity.BuildingBlockCode, a.Activity.Description, a.Activity.Date, a.Activity.Quantity,
                Code(a.Activity.Status.ToString()), Code(a.Count.Reason.ToString()), a.Count.Amount))]));
    }

    private static SroiContractItem Item(ContractStanding row)
    {
        var c = row.Contract;
        var p = row.Progress;
        return new SroiContractItem(
            c.Id, c.Reference, c.Title, c.Municipality, c.PartnerName, c.PartnerKvk, Code(c.Kind.ToString()), c.LabourSharePercent, c.IsSubsidy,
            c.ValueExclVat, c.PeriodStart, c.PeriodEnd, c.Obligation, c.ComputedObligation, c.PolicyVersion, c.OverrideReason,
            p.Realised, row.CountedInvoices, row.CountedActivities, p.Percent, p.Remaining, p.Met, p.DaysLeft);
    }

    /// <summary>An enum name as a kebab-case code: <c>SupplierNotRecognised</c> → <c>supplier-not-recognised</c>.</summary>
    private static string Code(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(ch) : ch.ToString()));
}
