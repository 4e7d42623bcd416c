using KIP.Web.Addresses;
using KIP.Web.Identity;

namespace KIP.Web.Sroi;

/// <summary>An invoice's PDF, for SROI officers and the contract's own partner (the service checks which contract).</summary>
public static class SroiEndpoints
{
    public const string PdfPath = "/sroi/facturen/{id:guid}/pdf";

    public static string PdfUrl(Guid invoiceId) => PageAddress.Fill(PdfPath, invoiceId);

    public static WebApplication MapSroi(this WebApplication app)
    {
        app.MapGet(PdfPath, async (Guid id, HttpContext http, SroiInvoiceService invoices, CancellationToken cancellationToken) =>
        {
            var pdf = await invoices.OpenPdfAsync(http.User, id, cancellationToken);
            return pdf is { } found
                ? Results.File(found.Content, "application/pdf", found.FileName)
                : Results.NotFound();
        }).RequireAuthorization(KipPolicies.SroiContract);
        return app;
    }
}
