using System.Globalization;
using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Sroi;
using KIP.Web.Actions;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>What a contract partner types for another activity.</summary>
public sealed record ActivityInput(string? BuildingBlockCode, string? Description, DateOnly? Date, decimal? Quantity);

/// <summary>
/// Other SROI activities (rulebook §7): the contract partner records a work-experience place or a trainee on its own
/// contract, valued by the municipality's building blocks on its date. <see cref="SroiVerificationService"/> decides them.
/// </summary>
public sealed class SroiActivityService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
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
            errors[SroiFields.BuildingBlock] = "DomainError.sroi.block-required";
        }

        if (string.IsNullOrWhiteSpace(input.Description))
        {
            errors[SroiFields.Description] = "DomainError.sroi.description-required";
        }
        else if (input.Description.Trim().Length > 500)
        {
            errors[SroiFields.Description] = "DomainError.sroi.text-too-long";
        }

        var today = AmsterdamCalendar.Today(time);
        if (input.Date is not { } date)
        {
            errors[SroiFields.Date] = "DomainError.sroi.activity-date-required";
        }
        else if (date > today)
        {
            errors[SroiFields.Date] = "DomainError.sroi.activity-date-future";
        }
        else if (!RecognitionPolicy.IsWithinDateRange(date))
        {
            errors[SroiFields.Date] = "DomainError.sroi.date-out-of-range";
        }
        else if (code is not null && BuildingBlockTable.UnitValueOn(SroiLedger.AsTable(blocks), code, date) is null && !errors.ContainsKey(SroiFields.BuildingBlock))
        {
            errors[SroiFields.Date] = "DomainError.sroi.block-no-value-on-date";
        }

        if (input.Quantity is not { } quantity || quantity <= 0 || quantity > 10_000 || Math.Round(quantity, 2) != quantity)
        {
            errors[SroiFields.Quantity] = "DomainError.sroi.quantity-invalid";
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
}
