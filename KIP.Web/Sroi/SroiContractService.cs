using System.Globalization;
using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>
/// Contracts with an SROI obligation (rulebook §7): an officer enters them, sets another obligation with a reason and
/// maintains the building blocks; everyone reads only what they may (<see cref="SroiPartnerAccess"/>). Every "no" is an
/// <see cref="ActionResult"/>; field messages are resource keys <c>DomainError.&lt;code&gt;</c>.
/// </summary>
public sealed class SroiContractService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    public const int MaxReasonLength = 2000;

    /// <summary>The contracts the user may see (an officer: all, or one municipality's; a partner: its own), newest period end last.</summary>
    public async Task<IReadOnlyList<ContractStanding>> ListAsync(ClaimsPrincipal user, string? municipality = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IQueryable<SroiContract> query = db.SroiContracts;
        if (!SroiPartnerAccess.IsOfficer(user))
        {
            var numbers = SroiPartnerAccess.PartnerNumbersOf(user).ToList();
            query = query.Where(c => numbers.Contains(c.PartnerKvk));
        }

        if (Municipality.TryParse(municipality, out var chosen))
        {
            query = query.Where(c => c.Municipality == chosen.Code);
        }

        var standings = await SroiLedger.LoadAsync(db, query, Today, cancellationToken);
        return [.. standings.OrderBy(s => s.Contract.PeriodEnd).ThenBy(s => s.Contract.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>One contract with what counts toward it; null when it does not exist or the user may not open it (the same answer).</summary>
    public async Task<ContractStanding?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.SroiContracts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null || !SroiPartnerAccess.MayOpen(user, contract))
        {
            return null;
        }

        return (await SroiLedger.LoadAsync(db, db.SroiContracts.Where(c => c.Id == id), Today, cancellationToken)).Single();
    }

    /// <summary>An SROI officer enters a contract; the obligation is computed by the municipality's rule of today.</summary>
    public async Task<ActionResult<Guid>> CreateAsync(ClaimsPrincipal user, ContractTerms terms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!SroiPartnerAccess.IsOfficer(user) || PersonOf(user) is not { } person)
        {
            return ActionResult.NotAllowed;
        }

        if (terms.Check() is { Count: > 0 } errors)
        {
            return ActionResult.Invalid(errors.ToDictionary(e => e.Key, e => $"DomainError.{e.Value}"));
        }

        var computed = terms.ComputeObligation(Today);
        var contract = new SroiContract
        {
            Id = Guid.NewGuid(),
            Municipality = Municipality.Parse(terms.MunicipalityCode).Code,
            PartnerKvk = terms.PartnerKvk!.Trim(),
            PartnerName = terms.PartnerName!.Trim(),
            Title = terms.Title!.Trim(),
            Reference = terms.Reference!.Trim(),
            Kind = terms.Kind!.Value,
            LabourSharePercent = computed.LabourSharePercent,
            ValueExclVat = terms.ValueExclVat!.Value,
            PeriodStart = terms.PeriodStart!.Value,
            PeriodEnd = terms.PeriodEnd!.Value,
            IsSubsidy = terms.IsSubsidy,
            ComputedObligation = computed.Amount,
            PolicyVersion = computed.PolicyVersion,
            CreatedBy = person,
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.SroiContracts.Add(contract);
        db.Record(contract.CreatedAt, person, "sroi.contract.create", contract.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{contract.Municipality} {contract.PartnerKvk} {contract.Kind} {contract.ValueExclVat} obligation {contract.ComputedObligation} ({contract.PolicyVersion})"));
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.DoneWith(contract.Id);
    }

    /// <summary>
    /// An officer sets another obligation with a reason (audited), or clears it (<paramref name="amount"/> null) to
    /// return to the computed one; the computed amount stays visible beside it.
    /// </summary>
    public async Task<ActionResult> OverrideAsync(ClaimsPrincipal user, Guid contractId, decimal? amount, string? reason, CancellationToken cancellationToken = default)
    {
        if (!SroiPartnerAccess.IsOfficer(user) || PersonOf(user) is not { } person)
        {
            return ActionResult.NotAllowed;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (amount is { } value && !SroiAmounts.IsValid(value))
        {
            errors["amount"] = "DomainError.sroi.amount-invalid";
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = "DomainError.sroi.reason-required";
        }
        else if (reason.Trim().Length > MaxReasonLength)
        {
            errors["reason"] = "DomainError.sroi.text-too-long";
        }

        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var contract = await db.SroiContracts.SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null)
        {
            return ActionResult.Refused("Sroi.Contract.NotFound");
        }

        var now = time.GetUtcNow();
        var before = contract.OverrideObligation;
        contract.OverrideObligation = amount;
        contract.OverrideReason = reason!.Trim();
        contract.OverrideBy = person;
        contract.OverrideAt = now;
        db.Record(now, person, "sroi.contract.override", contract.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"from {before?.ToString(CultureInfo.InvariantCulture) ?? "computed"} to {amount?.ToString(CultureInfo.InvariantCulture) ?? "computed"} (computed {contract.ComputedObligation}): {contract.OverrideReason}"));
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>A municipality's building blocks table with its history, newest valid-from first per block.</summary>
    public async Task<IReadOnlyList<SroiBuildingBlock>> BuildingBlocksAsync(string municipality, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var code = Municipality.TryParse(municipality, out var m) ? m.Code : string.Empty;
        var rows = await db.SroiBuildingBlocks.AsNoTracking().Where(b => b.Municipality == code).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(b => b.Name, StringComparer.CurrentCulture).ThenByDescending(b => b.ValidFrom)];
    }

    /// <summary>
    /// An officer records a value of a building block from a date on: a new row, so the history stays (activities
    /// before that date keep the old value). A new block needs a name and a unit; an existing one keeps its code.
    /// </summary>
    public async Task<ActionResult> AddBuildingBlockValueAsync(
        ClaimsPrincipal user, string municipality, string? code, string? name, string? unit, decimal? unitValue, DateOnly? validFrom, CancellationToken cancellationToken = default)
    {
        if (!SroiPartnerAccess.IsOfficer(user) || PersonOf(user) is not { } person)
        {
            return ActionResult.NotAllowed;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Municipality.TryParse(municipality, out var chosen))
        {
            errors["municipality"] = "DomainError.sroi.municipality-required";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "DomainError.sroi.block-name-required";
        }
        else if (name.Trim().Length > ContractTerms.MaxTextLength)
        {
            errors["name"] = "DomainError.sroi.text-too-long";
        }

        if (string.IsNullOrWhiteSpace(unit))
        {
            errors["unit"] = "DomainError.sroi.block-unit-required";
        }
        else if (unit.Trim().Length > 60)
        {
            errors["unit"] = "DomainError.sroi.text-too-long";
        }

        if (unitValue is not { } value || value <= 0 || !SroiAmounts.IsValid(value))
        {
            errors["unitValue"] = "DomainError.sroi.block-value-invalid";
        }

        if (validFrom is not { } from || !RecognitionPolicy.IsWithinDateRange(from))
        {
            errors["validFrom"] = "DomainError.sroi.block-valid-from-required";
        }

        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        var key = string.IsNullOrWhiteSpace(code) ? Slug(name!) : code.Trim();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.SroiBuildingBlocks.AnyAsync(b => b.Municipality == chosen!.Code && b.Code == key && b.ValidFrom == validFrom, cancellationToken))
        {
            return ActionResult.Invalid(new Dictionary<string, string> { ["validFrom"] = "DomainError.sroi.block-date-taken" });
        }

        var now = time.GetUtcNow();
        db.SroiBuildingBlocks.Add(new SroiBuildingBlock
        {
            Id = Guid.NewGuid(),
            Municipality = chosen!.Code,
            Code = key,
            Name = name!.Trim(),
            Unit = unit!.Trim(),
            UnitValue = unitValue!.Value,
            ValidFrom = validFrom!.Value,
            RecordedBy = person,
            RecordedAt = now,
        });
        db.Record(now, person, "sroi.building-block", $"{chosen.Code}/{key}", string.Create(CultureInfo.InvariantCulture, $"{unitValue} per {unit!.Trim()} from {validFrom:yyyy-MM-dd}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (SroiStorage.IsUniqueViolation(exception))
        {
            return ActionResult.Invalid(new Dictionary<string, string> { ["validFrom"] = "DomainError.sroi.block-date-taken" });
        }

        return ActionResult.Done;
    }

    private DateOnly Today => AmsterdamCalendar.Today(time);

    internal static Guid? PersonOf(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirst(KipClaims.PersonId)?.Value, out var id) ? id : null;

    private static string Slug(string name)
    {
        var text = new string([.. name.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || c == '-')]);
        var slug = string.Join('-', text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "bouwblok" : slug[..Math.Min(slug.Length, 60)];
    }
}

internal static class SroiStorage
{
    /// <summary>A unique index refused the row (another request stored it first), on either database engine.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => StorageErrors.IsUniqueViolation(exception);
}
