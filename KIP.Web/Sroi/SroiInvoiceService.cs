using System.Globalization;
using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Entrepreneurs;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>A supplier in the SROI register as the partner picks it: admitted, and recognised at some time.</summary>
public sealed record RegisterSupplier(Guid Id, string Name, string Kvk, string? Place);

/// <summary>What a contract partner types for an invoice.</summary>
public sealed record InvoiceInput(Guid? SupplierId, string? InvoiceNumber, DateOnly? InvoiceDate, decimal? AmountExclVat);

/// <summary>
/// Purchases from badge holders (rulebook §7): the contract partner picks the supplier from the SROI register and
/// records the invoice with its PDF on its own contract; the officer and that partner open the PDF.
/// <see cref="SroiVerificationService"/> decides them.
/// </summary>
public sealed class SroiInvoiceService(IDbContextFactory<KipDbContext> factory, EvidenceStore files, TimeProvider time)
{
    /// <summary>The SROI register to pick a supplier from: admitted organisations that hold or held a badge, by name.</summary>
    public async Task<IReadOnlyList<RegisterSupplier>> SuppliersAsync(string? search, int max = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Organisations.AsNoTracking()
            .Where(o => o.AdmissionStatus == KIP.Domain.Organisations.AdmissionStatus.Admitted && o.AcceptedCriteria.Any());
        var text = search?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL lower()
            var lower = text.ToLowerInvariant();
            query = KvkNumber.TryParse(text, out var kvk)
                ? query.Where(o => o.KvkNumber == kvk)
                : query.Where(o => o.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var found = await query.OrderBy(o => o.Name).Take(max)
            .Select(o => new { o.Id, o.Name, o.KvkNumber })
            .ToListAsync(cancellationToken);
        var ids = found.Select(o => o.Id).ToList();
        var places = await db.Profiles.AsNoTracking().Where(p => ids.Contains(p.OrganisationId)).ToDictionaryAsync(p => p.OrganisationId, p => p.Place, cancellationToken);
        return [.. found.Select(o => new RegisterSupplier(o.Id, o.Name, o.KvkNumber.Value, places.GetValueOrDefault(o.Id)))];
    }

    /// <summary>Whether the supplier held the badge on the date (the partner sees it while typing; KIP.Domain decides).</summary>
    public async Task<bool?> SupplierHeldBadgeOnAsync(Guid supplierId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var supplier = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == supplierId, cancellationToken);
        return supplier is null ? null : SroiCounting.SupplierHeldBadgeOn(supplier.AcceptedCriteria, date);
    }

    /// <summary>
    /// The contract partner records an invoice on its own contract, with the invoice as PDF (checked by its content as
    /// evidence is). Each wrong field is named; nothing is stored unless all is right. The same invoice number of the
    /// same supplier exists once (a unique index), also when two requests store it at the same moment.
    /// </summary>
    public async Task<ActionResult<Guid>> AddInvoiceAsync(ClaimsPrincipal user, Guid contractId, InvoiceInput input, Stream? pdf, string? pdfName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.SroiContracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null || !SroiPartnerAccess.MayRecord(user, contract) || SroiContractService.PersonOf(user) is not { } person)
        {
            return ActionResult.NotAllowed;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input.SupplierId is not { } supplierId || !await db.Organisations.AnyAsync(o => o.Id == supplierId && o.AcceptedCriteria.Any(), cancellationToken))
        {
            errors[SroiFields.Supplier] = "DomainError.sroi.supplier-required";
        }

        var number = input.InvoiceNumber?.Trim() ?? string.Empty;
        var key = InvoiceNumbers.Key(number);
        if (key.Length == 0)
        {
            errors[SroiFields.InvoiceNumber] = "DomainError.sroi.invoice-number-required";
        }
        else if (number.Length > InvoiceNumbers.MaxLength)
        {
            errors[SroiFields.InvoiceNumber] = "DomainError.sroi.text-too-long";
        }
        else if (input.SupplierId is { } id && await db.SroiInvoices.AnyAsync(i => i.SupplierOrganisationId == id && i.InvoiceNumberKey == key, cancellationToken))
        {
            errors[SroiFields.InvoiceNumber] = "DomainError.sroi.invoice-duplicate";
        }

        var today = AmsterdamCalendar.Today(time);
        if (input.InvoiceDate is not { } date)
        {
            errors[SroiFields.InvoiceDate] = "DomainError.sroi.invoice-date-required";
        }
        else if (date > today)
        {
            errors[SroiFields.InvoiceDate] = "DomainError.sroi.invoice-date-future";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(date))
        {
            errors[SroiFields.InvoiceDate] = "DomainError.sroi.date-out-of-range";
        }

        if (input.AmountExclVat is not { } amount)
        {
            errors[SroiFields.Amount] = "DomainError.sroi.amount-required";
        }
        else if (amount <= 0 || !SroiAmounts.IsValid(amount))
        {
            errors[SroiFields.Amount] = "DomainError.sroi.amount-invalid";
        }

        if (pdf is null)
        {
            errors[SroiFields.Pdf] = "DomainError.sroi.pdf-required";
        }

        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        var (error, stored, type, size) = await files.SaveAsync(pdf!, pdfName ?? string.Empty, cancellationToken);
        if (error != UploadError.None || type != "application/pdf")
        {
            if (stored is not null)
            {
                DeleteFile(stored);
            }

            return ActionResult.Invalid(new Dictionary<string, string>
            {
                [SroiFields.Pdf] = error switch
                {
                    UploadError.Empty => "DomainError.sroi.pdf-empty",
                    UploadError.TooLarge => "DomainError.sroi.pdf-too-large",
                    _ => "DomainError.sroi.pdf-not-pdf",
                },
            });
        }

        var now = time.GetUtcNow();
        var invoice = new SroiInvoice
        {
            Id = Guid.NewGuid(),
            ContractId = contract.Id,
            SupplierOrganisationId = input.SupplierId!.Value,
            InvoiceNumber = number,
            InvoiceNumberKey = key,
            InvoiceDate = input.InvoiceDate!.Value,
            AmountExclVat = input.AmountExclVat!.Value,
            PdfStoredName = stored!,
            PdfFileName = EvidenceStore.SafeName(pdfName),
            PdfSize = size,
            Status = SroiEntryStatus.Submitted,
            SubmittedBy = person,
            SubmittedAt = now,
        };
        db.SroiInvoices.Add(invoice);
        db.Record(now, person, "sroi.invoice.add", invoice.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"contract {contract.Id}, supplier {invoice.SupplierOrganisationId}, {invoice.InvoiceNumber} of {invoice.InvoiceDate:yyyy-MM-dd}, {invoice.AmountExclVat} excl. VAT"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (SroiStorage.IsUniqueViolation(exception))
        {
            DeleteFile(stored!);
            return ActionResult.Invalid(new Dictionary<string, string> { [SroiFields.InvoiceNumber] = "DomainError.sroi.invoice-duplicate" });
        }

        return ActionResult.DoneWith(invoice.Id);
    }

    /// <summary>The invoice's PDF, for the officer and the contract's partner; null when there is none or the user may not open it.</summary>
    public async Task<(Stream Content, string FileName)?> OpenPdfAsync(ClaimsPrincipal user, Guid invoiceId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var invoice = await db.SroiInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, cancellationToken);
        var contract = invoice is null ? null : await db.SroiContracts.AsNoTracking().SingleAsync(c => c.Id == invoice.ContractId, cancellationToken);
        if (invoice is null || contract is null || !SroiPartnerAccess.MayOpen(user, contract) || !File.Exists(PathOf(invoice.PdfStoredName)))
        {
            return null;
        }

        return (files.Open(invoice.PdfStoredName), invoice.PdfFileName);
    }

    private string PathOf(string storedName) => Path.Combine(files.Folder, Path.GetFileName(storedName));

    private void DeleteFile(string storedName) => File.Delete(PathOf(storedName));
}
