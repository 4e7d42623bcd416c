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

/// <summary>What a contract partner types for another activity.</summary>
public sealed record ActivityInput(string? BuildingBlockCode, string? Description, DateOnly? Date, decimal? Quantity);

/// <summary>
/// Purchases and other activities (rulebook §7): the contract partner records them on its own contract, an SROI
/// officer verifies or refuses them with a reason. A decision is taken once: two officers deciding the same entry at
/// the same moment leave one decision (a conditional update), so it is counted once.
/// </summary>
public sealed class SroiEntryService(IDbContextFactory<KipDbContext> factory, EvidenceStore files, TimeProvider time)
{
    public static class Fields
    {
        public const string Supplier = "supplier";
        public const string InvoiceNumber = "invoiceNumber";
        public const string InvoiceDate = "invoiceDate";
        public const string Amount = "amount";
        public const string Pdf = "pdf";
        public const string BuildingBlock = "buildingBlock";
        public const string Description = "description";
        public const string Date = "date";
        public const string Quantity = "quantity";
        public const string Reason = "reason";
    }

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
            errors[Fields.Supplier] = "DomainError.sroi.supplier-required";
        }

        var number = input.InvoiceNumber?.Trim() ?? string.Empty;
        var key = InvoiceNumbers.Key(number);
        if (key.Length == 0)
        {
            errors[Fields.InvoiceNumber] = "DomainError.sroi.invoice-number-required";
        }
        else if (number.Length > InvoiceNumbers.MaxLength)
        {
            errors[Fields.InvoiceNumber] = "DomainError.sroi.text-too-long";
        }
        else if (input.SupplierId is { } id && await db.SroiInvoices.AnyAsync(i => i.SupplierOrganisationId == id && i.InvoiceNumberKey == key, cancellationToken))
        {
            errors[Fields.InvoiceNumber] = "DomainError.sroi.invoice-duplicate";
        }

        var today = AmsterdamCalendar.Today(time);
        if (input.InvoiceDate is not { } date)
        {
            errors[Fields.InvoiceDate] = "DomainError.sroi.invoice-date-required";
        }
        else if (date > today)
        {
            errors[Fields.InvoiceDate] = "DomainError.sroi.invoice-date-future";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(date))
        {
            errors[Fields.InvoiceDate] = "DomainError.sroi.date-out-of-range";
        }

        if (input.AmountExclVat is not { } amount)
        {
            errors[Fields.Amount] = "DomainError.sroi.amount-required";
        }
        else if (amount <= 0 || !SroiAmounts.IsValid(amount))
        {
            errors[Fields.Amount] = "DomainError.sroi.amount-invalid";
        }

        if (pdf is null)
        {
            errors[Fields.Pdf] = "DomainError.sroi.pdf-required";
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
                [Fields.Pdf] = error switch
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
            return ActionResult.Invalid(new Dictionary<string, string> { [Fields.InvoiceNumber] = "DomainError.sroi.invoice-duplicate" });
        }

        return ActionResult.DoneWith(invoice.Id);
    }

    /// <summary>The contract partner records another activity, valued by the municipality's building blocks on its date.</summary>
    public async Task<ActionResult<Guid>> AddActivityAsync(ClaimsPrincipal user, Guid contractId, ActivityInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.SroiContracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null || !SroiPartnerAccess.MayRecord(user, contract) || SroiContractService.PersonOf(user) is not { } person)
        {
            return ActionResult.NotAllowed;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var blocks = await db.SroiBuildingBlocks.AsNoTracking().Where(b => b.Municipality == contract.Municipality).ToListAsync(cancellationToken);
        var code = input.BuildingBlockCode?.Trim();
        if (string.IsNullOrEmpty(code) || !blocks.Any(b => b.Code == code))
        {
            errors[Fields.BuildingBlock] = "DomainError.sroi.block-required";
        }

        if (string.IsNullOrWhiteSpace(input.Description))
        {
            errors[Fields.Description] = "DomainError.sroi.description-required";
        }
        else if (input.Description.Trim().Length > 500)
        {
            errors[Fields.Description] = "DomainError.sroi.text-too-long";
        }

        var today = AmsterdamCalendar.Today(time);
        if (input.Date is not { } date)
        {
            errors[Fields.Date] = "DomainError.sroi.activity-date-required";
        }
        else if (date > today)
        {
            errors[Fields.Date] = "DomainError.sroi.activity-date-future";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(date))
        {
            errors[Fields.Date] = "DomainError.sroi.date-out-of-range";
        }
        else if (code is not null && BuildingBlockTable.UnitValueOn(SroiLedger.AsTable(blocks), code, date) is null && !errors.ContainsKey(Fields.BuildingBlock))
        {
            errors[Fields.Date] = "DomainError.sroi.block-no-value-on-date";
        }

        if (input.Quantity is not { } quantity || quantity <= 0 || quantity > 10_000 || Math.Round(quantity, 2) != quantity)
        {
            errors[Fields.Quantity] = "DomainError.sroi.quantity-invalid";
        }

        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var activity = new SroiActivity
        {
            Id = Guid.NewGuid(),
            ContractId = contract.Id,
            BuildingBlockCode = code!,
            Description = input.Description!.Trim(),
            Date = input.Date!.Value,
            Quantity = input.Quantity!.Value,
            Status = SroiEntryStatus.Submitted,
            SubmittedBy = person,
            SubmittedAt = now,
        };
        db.SroiActivities.Add(activity);
        db.Record(now, person, "sroi.activity.add", activity.Id.ToString(), string.Create(CultureInfo.InvariantCulture, $"contract {contract.Id}, {code} × {activity.Quantity} on {activity.Date:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.DoneWith(activity.Id);
    }

    /// <summary>An SROI officer verifies a submitted invoice; a second officer at the same moment finds it decided.</summary>
    public Task<ActionResult> VerifyInvoiceAsync(ClaimsPrincipal user, Guid invoiceId, CancellationToken cancellationToken = default) =>
        DecideInvoiceAsync(user, invoiceId, SroiEntryStatus.Verified, null, cancellationToken);

    /// <summary>An SROI officer refuses a submitted invoice with a reason, which is kept; it never counts.</summary>
    public Task<ActionResult> RefuseInvoiceAsync(ClaimsPrincipal user, Guid invoiceId, string? reason, CancellationToken cancellationToken = default) =>
        DecideInvoiceAsync(user, invoiceId, SroiEntryStatus.Refused, reason, cancellationToken);

    public Task<ActionResult> VerifyActivityAsync(ClaimsPrincipal user, Guid activityId, CancellationToken cancellationToken = default) =>
        DecideActivityAsync(user, activityId, SroiEntryStatus.Verified, null, cancellationToken);

    public Task<ActionResult> RefuseActivityAsync(ClaimsPrincipal user, Guid activityId, string? reason, CancellationToken cancellationToken = default) =>
        DecideActivityAsync(user, activityId, SroiEntryStatus.Refused, reason, cancellationToken);

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

    private async Task<ActionResult> DecideInvoiceAsync(ClaimsPrincipal user, Guid invoiceId, SroiEntryStatus decision, string? reason, CancellationToken cancellationToken)
    {
        if (Refusal(user, decision, reason) is { } no)
        {
            return no;
        }

        var person = SroiContractService.PersonOf(user)!.Value;
        var now = time.GetUtcNow();
        var text = decision == SroiEntryStatus.Refused ? reason!.Trim() : null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.SroiInvoices
            .Where(i => i.Id == invoiceId && i.Status == SroiEntryStatus.Submitted)
            .ExecuteUpdateAsync(
                set => set.SetProperty(i => i.Status, decision).SetProperty(i => i.RefusalReason, text).SetProperty(i => i.DecidedBy, person).SetProperty(i => i.DecidedAt, now),
                cancellationToken);
        if (changed == 0)
        {
            return await db.SroiInvoices.AnyAsync(i => i.Id == invoiceId, cancellationToken)
                ? ActionResult.Refused("Sroi.Entry.AlreadyDecided")
                : ActionResult.Refused("Sroi.Entry.NotFound");
        }

        db.Record(now, person, decision == SroiEntryStatus.Verified ? "sroi.invoice.verify" : "sroi.invoice.refuse", invoiceId.ToString(), text);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ActionResult.Done;
    }

    private async Task<ActionResult> DecideActivityAsync(ClaimsPrincipal user, Guid activityId, SroiEntryStatus decision, string? reason, CancellationToken cancellationToken)
    {
        if (Refusal(user, decision, reason) is { } no)
        {
            return no;
        }

        var person = SroiContractService.PersonOf(user)!.Value;
        var now = time.GetUtcNow();
        var text = decision == SroiEntryStatus.Refused ? reason!.Trim() : null;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.SroiActivities
            .Where(a => a.Id == activityId && a.Status == SroiEntryStatus.Submitted)
            .ExecuteUpdateAsync(
                set => set.SetProperty(a => a.Status, decision).SetProperty(a => a.RefusalReason, text).SetProperty(a => a.DecidedBy, person).SetProperty(a => a.DecidedAt, now),
                cancellationToken);
        if (changed == 0)
        {
            return await db.SroiActivities.AnyAsync(a => a.Id == activityId, cancellationToken)
                ? ActionResult.Refused("Sroi.Entry.AlreadyDecided")
                : ActionResult.Refused("Sroi.Entry.NotFound");
        }

        db.Record(now, person, decision == SroiEntryStatus.Verified ? "sroi.activity.verify" : "sroi.activity.refuse", activityId.ToString(), text);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ActionResult.Done;
    }

    private static ActionResult? Refusal(ClaimsPrincipal user, SroiEntryStatus decision, string? reason)
    {
        if (!SroiPartnerAccess.IsOfficer(user) || SroiContractService.PersonOf(user) is null)
        {
            return ActionResult.NotAllowed;
        }

        if (decision == SroiEntryStatus.Refused && string.IsNullOrWhiteSpace(reason))
        {
            return ActionResult.Invalid(new Dictionary<string, string> { [Fields.Reason] = "DomainError.sroi.reason-required" });
        }

        return decision == SroiEntryStatus.Refused && reason!.Trim().Length > SroiContractService.MaxReasonLength
            ? ActionResult.Invalid(new Dictionary<string, string> { [Fields.Reason] = "DomainError.sroi.text-too-long" })
            : null;
    }
}
