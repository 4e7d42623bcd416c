using System.Globalization;
using KIP.Web.Addresses;
using KIP.Web.Data.Search;
using KIP.Web.Identity;
using KIP.Web.Localization;
using KIP.Web.Search;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Pages.Procurement;

/// <summary>CSV exports for SROI officers: all rows of a search (up to 10,000), or a shortlist with its notes.</summary>
public static class ProcurementExport
{
    public const string SearchPath = "/inkoop/export.csv";

    public static string SearchUrl(SupplierQuery query) => SearchPath + SupplierQueryString.ToQueryString(query, includePaging: false);

    public const string ShortlistPath = "/inkoop/shortlijsten/{id:guid}/export.csv";

    public static string ShortlistUrl(Guid id) => PageAddress.Fill(ShortlistPath, id);

    public static IEndpointRouteBuilder MapProcurementExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SearchPath, ExportSearchAsync).RequireAuthorization(KipPolicies.SroiOfficer).ExcludeFromDescription();
        endpoints.MapGet(ShortlistPath, ExportShortlistAsync).RequireAuthorization(KipPolicies.SroiOfficer).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ExportSearchAsync(HttpContext context, SupplierSearch search, IStringLocalizer<Text> text)
    {
        var (query, error) = SupplierQueryString.Parse(context.Request.Query);
        if (error is not null)
        {
            return TypedResults.Problem(detail: text[error.TextKey, error.Arguments], statusCode: StatusCodes.Status400BadRequest, title: text["Search.Error.Title"]);
        }

        var items = await search.AllAsync(query! with { Page = 1 }, context.RequestAborted);
        var contacts = await search.ContactsAsync([.. items.Select(i => i.Id)], context.RequestAborted);
        var rows = items.Select(i => new CsvRow(i, contacts.GetValueOrDefault(i.Id)));
        return File(rows, text, withNotes: false, $"kip-aanbod-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");
    }

    private static async Task<IResult> ExportShortlistAsync(Guid id, HttpContext context, ShortlistService shortlists, IStringLocalizer<Text> text)
    {
        var owner = context.User.PersonId();
        var shortlist = owner is { } person ? await shortlists.GetAsync(person, id, context.RequestAborted) : null;
        if (shortlist is null)
        {
            return TypedResults.NotFound();
        }

        var rows = shortlist.Rows.Select(r => new CsvRow(r.Item, r.Contact, r.Note));
        return File(rows, text, withNotes: true, $"kip-shortlijst-{Slug(shortlist.Name)}.csv");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(IEnumerable<CsvRow> rows, IStringLocalizer<Text> text, bool withNotes, string name)
    {
        var headers = text["Csv.Headers"].Value.Split(';');
        var bytes = SupplierCsv.Write(rows, headers, CatalogText.CriterionTitle, code => text.Category(code), withNotes);
        return TypedResults.File(bytes, SupplierCsv.ContentType, name);
    }

    private static string Slug(string name) =>
        new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
}
