using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>An invoice with its supplier and whether (and how much) it counts (rulebook §7).</summary>
public sealed record InvoiceLine(SroiInvoice Invoice, string SupplierName, bool SupplierHeldBadge, bool SupplierTemporary, SroiCount Count);

/// <summary>Another activity with the building block's value on its date and whether it counts.</summary>
public sealed record ActivityLine(SroiActivity Activity, string BlockName, string? Unit, decimal? UnitValue, decimal? Value, SroiCount Count);

/// <summary>A contract with its purchases, activities and progress on a day.</summary>
public sealed record ContractStanding(SroiContract Contract, IReadOnlyList<InvoiceLine> Invoices, IReadOnlyList<ActivityLine> Activities, SroiProgress Progress)
{
    public Municipality Municipality => Municipality.Parse(Contract.Municipality);

    /// <summary>What the verified purchases from badge holders add to <see cref="SroiProgress.Realised"/>.</summary>
    public decimal CountedInvoices => Invoices.Where(i => i.Count.Counts).Sum(i => i.Count.Amount);

    /// <summary>What the verified other activities add to <see cref="SroiProgress.Realised"/>.</summary>
    public decimal CountedActivities => Activities.Where(a => a.Count.Counts).Sum(a => a.Count.Amount);

    /// <summary>Everything that counts, with its date: the invoices by invoice date, activities by their date.</summary>
    public IEnumerable<(DateOnly Date, decimal Amount)> Counted =>
        Invoices.Where(i => i.Count.Counts).Select(i => (i.Invoice.InvoiceDate, i.Count.Amount))
            .Concat(Activities.Where(a => a.Count.Counts).Select(a => (a.Activity.Date, a.Count.Amount)));
}

/// <summary>
/// Loads contracts with what counts toward them, computed by KIP.Domain (<see cref="SroiCounting"/>,
/// <see cref="BuildingBlockTable"/>, <see cref="SroiProgress"/>) from the stored dates: the contract pages, the
/// reminders, and the region's overview and export read the same answer.
/// </summary>
public static class SroiLedger
{
    public static async Task<IReadOnlyList<ContractStanding>> LoadAsync(KipDbContext db, IQueryable<SroiContract> contracts, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = await contracts.AsNoTracking().ToListAsync(cancellationToken);
        if (list.Count == 0)
        {
            return [];
        }

        var ids = list.Select(c => c.Id).ToList();
        var invoices = await db.SroiInvoices.AsNoTracking().Where(i => ids.Contains(i.ContractId)).ToListAsync(cancellationToken);
        var activities = await db.SroiActivities.AsNoTracking().Where(a => ids.Contains(a.ContractId)).ToListAsync(cancellationToken);
        var supplierIds = invoices.Select(i => i.SupplierOrganisationId).Distinct().ToList();
        var suppliers = await db.Organisations.AsNoTracking().Where(o => supplierIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var municipalities = list.Select(c => c.Municipality).Distinct().ToList();
        var blocks = await db.SroiBuildingBlocks.AsNoTracking().Where(b => municipalities.Contains(b.Municipality)).ToListAsync(cancellationToken);

        return [.. list.Select(contract =>
        {
            var table = blocks.Where(b => b.Municipality == contract.Municipality).ToList();
            var invoiceLines = invoices.Where(i => i.ContractId == contract.Id)
                .OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal)
                .Select(i =>
                {
                    var supplier = suppliers[i.SupplierOrganisationId];
                    var recognition = supplier.Recognition(i.InvoiceDate);
                    return new InvoiceLine(i, supplier.Name, recognition.IsRecognised, recognition.IsTemporary,
                        SroiCounting.Invoice(supplier.AcceptedCriteria, i.InvoiceDate, i.AmountExclVat, i.Status));
                })
                .ToList();
            var activityLines = activities.Where(a => a.ContractId == contract.Id)
                .OrderBy(a => a.Date)
                .Select(a =>
                {
                    var rows = table.Where(b => b.Code == a.BuildingBlockCode).Select(b => new BuildingBlockValue(b.Code, b.ValidFrom, b.UnitValue)).ToList();
                    var block = table.Where(b => b.Code == a.BuildingBlockCode && b.ValidFrom <= a.Date).MaxBy(b => b.ValidFrom)
                        ?? table.Where(b => b.Code == a.BuildingBlockCode).MinBy(b => b.ValidFrom);
                    var value = BuildingBlockTable.ValueOn(rows, a.BuildingBlockCode, a.Date, a.Quantity);
                    return new ActivityLine(a, block?.Name ?? a.BuildingBlockCode, block?.Unit, BuildingBlockTable.UnitValueOn(rows, a.BuildingBlockCode, a.Date), value, SroiCounting.Activity(value, a.Status));
                })
                .ToList();
            var progress = SroiProgress.Of(contract.Obligation, invoiceLines.Select(l => l.Count).Concat(activityLines.Select(l => l.Count)), contract.PeriodEnd, today);
            return new ContractStanding(contract, invoiceLines, activityLines, progress);
        })];
    }

    /// <summary>The building blocks table of a municipality as KIP.Domain reads it.</summary>
    public static IReadOnlyList<BuildingBlockValue> AsTable(IEnumerable<SroiBuildingBlock> rows) =>
        [.. rows.Select(b => new BuildingBlockValue(b.Code, b.ValidFrom, b.UnitValue))];
}
