using KIP.Web.Identity;

namespace KIP.Web.Sroi;

/// <summary>An invoice's PDF, for SROI officers and the contract's own partner (the service checks which contract).</summary>
public static class SroiEndpoints
{
    public static string PdfUrl(Guid invoiceId) => $"/sroi/facturen/{invoiceId}/pdf";

    public static WebApplication MapSroi(this WebApplication app)
    {
        app.MapGet("/sroi/facturen/{id:guid}/pdf", async (Guid id, HttpContext http, SroiInvoiceService invoices, CancellationToken cancellationToken) =>
        {
            var pdf = await invoices.OpenPdfAsync(http.User, id, cancellationToken);
            return pdf is { } found
                ? Results.File(found.Content, "application/pdf", found.FileName)
                : Results.NotFound();
        }).RequireAuthorization(KipPolicies.SroiContract);
        return app;
    }
}
