using System.Security.Claims;
using KIP.Domain.Sroi;
using KIP.Web.Actions;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Sroi;

/// <summary>
/// An SROI officer verifies or refuses (with a reason, which is kept) what a contract partner submitted: purchases
/// and other activities alike (rulebook §7). A decision is taken once: two officers deciding the same entry at the
/// same moment leave one decision (a conditional update), so it is counted once.
/// </summary>
public sealed class SroiVerificationService(IDbContextFactory<KipDbContext> factory, TimeProvider time)
{
    /// <summary>Verifies a submitted invoice; a second officer at the same moment finds it decided.</summary>
    public Task<ActionResult> VerifyInvoiceAsync(ClaimsPrincipal user, Guid invoiceId, CancellationToken cancellationToken = default) =>
        DecideAsync<SroiInvoice>(user, invoiceId, "invoice", SroiEntryStatus.Verified, null, cancellationToken);

    /// <summary>Refuses a submitted invoice with a reason; it never counts.</summary>
    public Task<ActionResult> RefuseInvoiceAsync(ClaimsPrincipal user, Guid invoiceId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync<SroiInvoice>(user, invoiceId, "invoice", SroiEntryStatus.Refused, reason, cancellationToken);

    public Task<ActionResult> VerifyActivityAsync(ClaimsPrincipal user, Guid activityId, CancellationToken cancellationToken = default) =>
        DecideAsync<SroiActivity>(user, activityId, "activity", SroiEntryStatus.Verified, null, cancellationToken);

    public Task<ActionResult> RefuseActivityAsync(ClaimsPrincipal user, Guid activityId, string? reason, CancellationToken cancellationToken = default) =>
        DecideAsync<SroiActivity>(user, activityId, "activity", SroiEntryStatus.Refused, reason, cancellationToken);

    /// <summary>The one decision of a submitted entry, audited as <c>sroi.&lt;kind&gt;.verify</c> or <c>.refuse</c>.</summary>
    private async Task<ActionResult> DecideAsync<TEntry>(ClaimsPrincipal user, Guid id, string kind, SroiEntryStatus decision, string? reason, CancellationToken cancellationToken)
        where TEntry : class, ISroiEntry
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
        var entries = db.Set<TEntry>();
        var changed = await entries
            .Where(e => e.Id == id && e.Status == SroiEntryStatus.Submitted)
            .ExecuteUpdateAsync(
                set => set.SetProperty(e => e.Status, decision).SetProperty(e => e.RefusalReason, text).SetProperty(e => e.DecidedBy, person).SetProperty(e => e.DecidedAt, now),
                cancellationToken);
        if (changed == 0)
        {
            return await entries.AnyAsync(e => e.Id == id, cancellationToken)
                ? ActionResult.Refused("Sroi.Entry.AlreadyDecided")
                : ActionResult.Refused("Sroi.Entry.NotFound");
        }

        db.Record(now, person, $"sroi.{kind}.{(decision == SroiEntryStatus.Verified ? "verify" : "refuse")}", id.ToString(), text);
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

        if (decision != SroiEntryStatus.Refused)
        {
            return null;
        }

        var key = string.IsNullOrWhiteSpace(reason) ? "DomainError.sroi.reason-required"
            : reason.Trim().Length > SroiContractService.MaxReasonLength ? "DomainError.sroi.text-too-long"
            : null;
        return key is null ? null : ActionResult.Invalid(new Dictionary<string, string>(StringComparer.Ordinal) { [SroiFields.Reason] = key });
    }
}
