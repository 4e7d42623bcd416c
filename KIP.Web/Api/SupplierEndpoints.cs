using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Api;

/// <summary>The directory as open data (product.md, <c>GET /api/v1/suppliers</c>): admitted organisations, public data only.</summary>
public sealed record SupplierListResponse(IReadOnlyList<SupplierItem> Items, int Page, int PageSize, int Total, bool TotalIsCapped);

public static class SupplierEndpoints
{
    public static RouteGroupBuilder MapSupplierEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/suppliers", ListAsync)
            .WithName("listSuppliers")
            .WithTags("Aanbod")
            .WithSummary("Zoek in het aanbod van toegelaten organisaties")
            .WithDescription("Vrije tekst (vanaf 2 tekens, begin van woorden, accenten genegeerd) over naam, beschrijving, aanbod en plaats; filters op gemeente (gevestigd of werkzaam), criterium, erkenning vandaag, categorie en impactthema, herhaalbaar en combineerbaar. Alleen openbare gegevens, nooit een contactpersoon.")
            .Produces<SupplierListResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/suppliers/{id}", GetAsync)
            .WithName("getSupplier")
            .WithTags("Aanbod")
            .WithSummary("Eén toegelaten organisatie")
            .Produces<SupplierItem>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext context, SupplierSearch search, IStringLocalizer<Text> text)
    {
        var (query, error) = SupplierQueryString.Parse(context.Request.Query);
        if (error is not null)
        {
            var reason = text[error.TextKey, error.Arguments];
            return ApiProblems.InvalidInput([new InvalidParam(error.Parameter, "invalid", reason)], context.Request.Path);
        }

        var page = await search.SearchAsync(query!, context.RequestAborted);
        return TypedResults.Ok(new SupplierListResponse(page.Items, page.Page, page.PageSize, page.Total, page.TotalIsCapped));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, SupplierSearch search, IStringLocalizer<Text> text)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return ApiProblems.InvalidInput([new InvalidParam("id", "invalid", text["Search.Error.Id", id])], context.Request.Path);
        }

        var item = await search.FindAsync(guid, context.RequestAborted);
        return item is null
            ? TypedResults.Problem(
                detail: text["Search.NotFound.Detail", id],
                instance: context.Request.Path,
                statusCode: StatusCodes.Status404NotFound,
                title: text["Search.NotFound.Title"],
                type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5")
            : TypedResults.Ok(item);
    }
}
