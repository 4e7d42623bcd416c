using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Region;
using KIP.Domain.Sroi;
using KIP.Web.Data;
using KIP.Web.Sroi;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Overview;

/// <summary>An invoice with the rulebook's answer whether, and how much, it counts (rulebook §7).</summary>
public sealed record CountedInvoice(SroiInvoice Invoice, string SupplierName, SroiCount Count);

/// <summary>Another SROI activity valued by the building block on its date.</summary>
public sealed record CountedActivity(SroiActivity Activity, SroiCount Count);

/// <summary>A contract with what counts toward its obligation and its progress on <see cref="Today"/>.</summary>
public sealed record ContractRealisation(SroiContract Contract, IReadOnlyList<CountedInvoice> Invoices, IReadOnlyList<CountedActivity> Activities, SroiProgress Progress, DateOnly Today)
{
    public decimal CountedInvoices => Invoices.Where(i => i.Count.Counts).Sum(i => i.Count.Amount);

    public decimal CountedActivities => Activities.Where(a => a.Count.Counts).Sum(a => a.Count.Amount);
}

/// <summary>Verified, counting invoice amounts of one municipality's contracts in one quarter of the invoice date.</summary>
public sealed record QuarterSpend(Quarter Quarter, Municipality Municipality, decimal Amount);

/// <summary>
/// Loads contracts with their invoices and activities and counts them by the domain's rules
/// (<see cref="SroiCounting"/>: the supplier's badge on the invoice date, verified, never VAT; building blocks by date),
/// for the region's picture, the CSV export and the read-only API alike — so the three give the same numbers.
/// Who sees which contract: <see cref="SroiPartnerAccess.MayOpen"/>.
/// </summary>
public sealed class SroiRealisationService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    /// <summary>The contracts <paramref name="user"/> may open, optionally of one municipality, by period end and reference.</summary>
    public async Task<IReadOnlyList<ContractRealisation>> ContractsAsync(ClaimsPrincipal user, Municipality? municipality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contracts = Visible(db, user);
        if (municipality is not null)
        {
            contracts = contracts.Where(c => c.Municipality == municipality.Code);
        }

        var list = await contracts.ToListAsync(cancellationToken);
        return await CountAsync(db, [.. list.OrderBy(c => c.PeriodEnd).ThenBy(c => c.Reference, StringComparer.Ordinal)], cancellationToken);
    }

    /// <summary>One contract, or null when it does not exist or <paramref name="user"/> may not open it.</summary>
    public async Task<ContractRealisation?> ContractAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await Visible(db, user).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return contract is null ? null : (await CountAsync(db, [contract], cancellationToken))[0];
    }

    /// <summary>
    /// The region's SROI spend at badge holders: verified invoices that count, summed per municipality of the contract
    /// and per quarter of the invoice date. Activities are not purchases from badge holders and are left out.
    /// </summary>
    public async Task<IReadOnlyList<QuarterSpend>> SpendPerQuarterAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contracts = await db.SroiContracts.AsNoTracking()
            .Where(c => db.SroiInvoices.Any(i => i.ContractId == c.Id && i.Status == SroiEntryStatus.Verified))
            .ToListAsync(cancellationToken);
        var counted = await CountAsync(db, contracts, cancellationToken);
        return [.. counted
            .SelectMany(c => c.Invoices.Where(i => i.Count.Counts).Select(i => (Quarter: Quarter.Of(i.Invoice.InvoiceDate), Municipality: Municipality.Parse(c.Contract.Municipality), i.Count.Amount)))
            .GroupBy(x => (x.Quarter, x.Municipality))
            .Select(g => new QuarterSpend(g.Key.Quarter, g.Key.Municipality, g.Sum(x => x.Amount)))
            .OrderBy(s => s.Quarter)
            .ThenBy(s => Municipality.All.ToList().IndexOf(s.Municipality))];
    }

    /// <summary>An officer opens every contract, a contract partner those of its KvK numbers, anyone else none.</summary>
    private static IQueryable<SroiContract> Visible(KipDbContext db, ClaimsPrincipal user)
    {
        var contracts = db.SroiContracts.AsNoTracking();
        if (SroiPartnerAccess.IsOfficer(user))
        {
            return contracts;
        }

        var numbers = SroiPartnerAccess.PartnerNumbersOf(user).ToList();
        return contracts.Where(c => numbers.Contains(c.PartnerKvk));
    }

    private async Task<IReadOnlyList<ContractRealisation>> CountAsync(KipDbContext db, IReadOnlyList<SroiContract> contracts, CancellationToken cancellationToken)
    {
        var today = AmsterdamCalendar.Today(time);
        var ids = contracts.Select(c => c.Id).ToList();
        var invoices = await db.SroiInvoices.AsNoTracking().Where(i => ids.Contains(i.ContractId)).ToListAsync(cancellationToken);
        var activities = await db.SroiActivities.AsNoTracking().Where(a => ids.Contains(a.ContractId)).ToListAsync(cancellationToken);
        var supplierIds = invoices.Select(i => i.SupplierOrganisationId).Distinct().ToList();
        var suppliers = await db.Organisations.AsNoTracking().Where(o => supplierIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var municipalities = contracts.Select(c => c.Municipality).Distinct().ToList();
        var blocks = (await db.SroiBuildingBlocks.AsNoTracking().Where(b => municipalities.Contains(b.Municipality)).ToListAsync(cancellationToken))
            .ToLookup(b => b.Municipality, b => new BuildingBlockValue(b.Code, b.ValidFrom, b.UnitValue));

        return [.. contracts.Select(contract =>
        {
            var counted = invoices.Where(i => i.ContractId == contract.Id)
                .OrderBy(i => i.InvoiceDate).ThenBy(i => i.InvoiceNumber, StringComparer.Ordinal)
                .Select(i =>
                {
                    var supplier = suppliers[i.SupplierOrganisationId];
                    return new CountedInvoice(i, supplier.Name, SroiCounting.Invoice(supplier.AcceptedCriteria, i.InvoiceDate, i.AmountExclVat, i.Status));
                })
                .ToList();
            var valued = activities.Where(a => a.ContractId == contract.Id)
                .OrderBy(a => a.Date)
                .Select(a => new CountedActivity(a, SroiCounting.Activity(BuildingBlockTable.ValueOn(blocks[contract.Municipality], a.BuildingBlockCode, a.Date, a.Quantity), a.Status)))
                .ToList();
            var progress = SroiProgress.Of(contract.Obligation, [.. counted.Select(i => i.Count), .. valued.Select(a => a.Count)], contract.PeriodEnd, today);
            return new ContractRealisation(contract, counted, valued, progress, today);
        })];
    }
}
