using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Region;
using KIP.Domain.Sroi;
using KIP.Web.Data;
using KIP.Web.Sroi;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Overview;

/// <summary>Verified, counting invoice amounts of one municipality's contracts in one quarter of the invoice date.</summary>
public sealed record QuarterSpend(Quarter Quarter, Municipality Municipality, decimal Amount);

/// <summary>
/// The contracts and their realisation for the region's picture, the CSV export and the read-only API, counted by
/// <see cref="SroiLedger"/> as on the contract pages and in the reminders, so all give the same numbers.
/// Who sees which contract: <see cref="SroiPartnerAccess.MayOpen"/>.
/// </summary>
public sealed class SroiRealisationService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    /// <summary>The contracts <paramref name="user"/> may open, optionally of one municipality, by period end and reference.</summary>
    public async Task<IReadOnlyList<ContractStanding>> ContractsAsync(ClaimsPrincipal user, Municipality? municipality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contracts = Visible(db, user);
        if (municipality is not null)
        {
            contracts = contracts.Where(c => c.Municipality == municipality.Code);
        }

        var standings = await SroiLedger.LoadAsync(db, contracts, AmsterdamCalendar.Today(time), cancellationToken);
        return [.. standings.OrderBy(s => s.Contract.PeriodEnd).ThenBy(s => s.Contract.Reference, StringComparer.Ordinal)];
    }

    /// <summary>One contract, or null when it does not exist or <paramref name="user"/> may not open it.</summary>
    public async Task<ContractStanding?> ContractAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await SroiLedger.LoadAsync(db, Visible(db, user).Where(c => c.Id == id), AmsterdamCalendar.Today(time), cancellationToken)).SingleOrDefault();
    }

    /// <summary>
    /// The region's SROI spend at badge holders: verified invoices that count, summed per municipality of the contract
    /// and per quarter of the invoice date. Activities are not purchases from badge holders and are left out.
    /// </summary>
    public async Task<IReadOnlyList<QuarterSpend>> SpendPerQuarterAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contracts = db.SroiContracts.Where(c => db.SroiInvoices.Any(i => i.ContractId == c.Id && i.Status == SroiEntryStatus.Verified));
        var standings = await SroiLedger.LoadAsync(db, contracts, AmsterdamCalendar.Today(time), cancellationToken);
        return [.. standings
            .SelectMany(s => s.Invoices.Where(i => i.Count.Counts).Select(i => (Quarter: Quarter.Of(i.Invoice.InvoiceDate), s.Municipality, i.Count.Amount)))
            .GroupBy(x => (x.Quarter, x.Municipality))
            .Select(g => new QuarterSpend(g.Key.Quarter, g.Key.Municipality, g.Sum(x => x.Amount)))
            .OrderBy(s => s.Quarter)
            .ThenBy(s => Municipality.All.ToList().IndexOf(s.Municipality))];
    }

    /// <summary>An officer opens every contract, a contract partner those of its KvK numbers, anyone else none.</summary>
    private static IQueryable<SroiContract> Visible(KipDbContext db, ClaimsPrincipal user)
    {
        if (SroiPartnerAccess.IsOfficer(user))
        {
            return db.SroiContracts;
        }

        var numbers = SroiPartnerAccess.PartnerNumbersOf(user).ToList();
        return db.SroiContracts.Where(c => numbers.Contains(c.PartnerKvk));
    }
}
