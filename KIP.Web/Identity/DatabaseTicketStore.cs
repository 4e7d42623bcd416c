using System.Security.Claims;
using System.Security.Cryptography;
using KIP.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KIP.Web.Identity;

/// <summary>
/// The cookie session's server side (ASVS V7.3, V7.4): the ticket lives in <see cref="KipDbContext.ServerSessions"/>
/// and the cookie carries only the key. Signing out deletes the row, so a copied cookie stops working; a row whose
/// <see cref="ServerSession.ExpiresAt"/> has passed (idle or absolute) is refused and marked on the request, so the
/// person is shown "Uw sessie is verlopen" (<see cref="SessionActivity"/>). The ticket holds what the authority said
/// (subject, name, e-mail, its roles, the id_token for sign-out), never roles from KIP's own data: those are
/// resolved on every request (<see cref="KipClaimsTransformation"/>).
/// </summary>
public sealed class DatabaseTicketStore(
    IDbContextFactory<KipDbContext> factory,
    TimeProvider time,
    IOptions<KipSessionOptions> options,
    IDataProtectionProvider protection,
    ILogger<DatabaseTicketStore> logger) : ITicketStore
{
    /// <summary>Sessions that ended are kept this long (to show the expiry page), then removed at the next sign-in.</summary>
    private static readonly TimeSpan KeepEnded = TimeSpan.FromDays(1);

    private readonly IDataProtector _protector = protection.CreateProtector("KIP.ServerSessions.v1");

    private KipSessionOptions Options => options.Value;

    /// <summary>False for the embedded provider's own session: only KIP's session is shown the expiry page.</summary>
    internal bool MarksRequest { get; set; } = true;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var principal = WithoutKipData(ticket.Principal);
        var identity = principal.Identities.First();
        foreach (var old in identity.FindAll(KipClaims.Session).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(KipClaims.Session, key));

        // The roles now (the authority's and KIP's data) choose the idle timeout; they are not stored.
        var roles = principal.FindAll(KipClaims.Role).Select(c => c.Value).ToList();
        Guid? person = null;
        if (httpContext?.RequestServices.GetService<IClaimsTransformation>() is { } transformation)
        {
            var full = await transformation.TransformAsync(new ClaimsPrincipal(principal.Identities.Select(i => i.Clone())));
            roles = [.. full.FindAll(KipClaims.Role).Select(c => c.Value)];
            person = Guid.TryParse(full.FindFirst(KipClaims.PersonId)?.Value, out var id) ? id : null;
        }

        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ServerSessions.Where(s => s.ExpiresAt < now - KeepEnded).ExecuteDeleteAsync(cancellationToken);
        db.ServerSessions.Add(new ServerSession
        {
            Key = key,
            Subject = $"{identity.FindFirst(KipClaims.Scheme)?.Value ?? ticket.AuthenticationScheme}:{identity.FindFirst(KipClaims.Subject)?.Value}",
            PersonId = person,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = Min(now + Options.IdleTimeoutFor(roles), now + Options.AbsoluteLifetime),
            Ticket = Protect(new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public async Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var blob = Protect(new AuthenticationTicket(WithoutKipData(ticket.Principal), ticket.Properties, ticket.AuthenticationScheme));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ServerSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(r => r.Ticket, blob), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ServerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            return null; // signed out (a copied cookie), or removed: simply not signed in
        }

        if (row.ExpiresAt <= time.GetUtcNow())
        {
            if (MarksRequest)
            {
                httpContext?.Items[typeof(SessionState)] = new SessionState(row.Key, row.CreatedAt, row.LastSeenAt, row.ExpiresAt, Expired: true);
            }

            return null;
        }

        AuthenticationTicket? ticket;
        try
        {
            ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(row.Ticket));
        }
        catch (CryptographicException exception)
        {
            logger.LogWarning(exception, "A session record could not be decrypted (data-protection keys lost?); the person signs in again.");
            return null;
        }

        if (MarksRequest)
        {
            httpContext?.Items[typeof(SessionState)] = new SessionState(row.Key, row.CreatedAt, row.LastSeenAt, row.ExpiresAt, Expired: false);
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ServerSessions.Where(s => s.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>True while the session exists and has not expired (an open page asks this every minute).</summary>
    public async Task<bool> IsActiveAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ServerSessions.AnyAsync(s => s.Key == key && s.ExpiresAt > now, cancellationToken);
    }

    /// <summary>
    /// Activity: the session's idle timeout starts again, chosen by the roles the person holds now, never beyond the
    /// absolute lifetime. Written at most once per <see cref="KipSessionOptions.TouchInterval"/>, or at once when the
    /// roles now ask a shorter timeout. An expired session stays expired.
    /// </summary>
    public async Task TouchAsync(SessionState state, IEnumerable<string> roles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var now = time.GetUtcNow();
        var expires = Min(now + Options.IdleTimeoutFor(roles), state.CreatedAt + Options.AbsoluteLifetime);
        if (state.Expired || (now - state.LastSeenAt < Options.TouchInterval && expires >= state.ExpiresAt))
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ServerSessions.Where(s => s.Key == state.Key && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSeenAt, now).SetProperty(r => r.ExpiresAt, expires), cancellationToken);
    }

    /// <summary>The session's record as <see cref="TouchAsync"/> needs it, or null when it is gone.</summary>
    public async Task<SessionState?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.ServerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        return row is null ? null : new SessionState(row.Key, row.CreatedAt, row.LastSeenAt, row.ExpiresAt, row.ExpiresAt <= now);
    }

    /// <summary>Roles and organisations from KIP's data are never stored: only the authority's identity goes into the ticket.</summary>
    private static ClaimsPrincipal WithoutKipData(ClaimsPrincipal principal) =>
        new(principal.Identities.Where(i => i.AuthenticationType != KipClaimsTransformation.FromKipData).Select(i => i.Clone()));

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

/// <summary>What the store found for this request's session cookie (in <c>HttpContext.Items</c>).</summary>
public sealed record SessionState(string Key, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt, bool Expired);

/// <summary>The session cookie carries only the store's key (<see cref="DatabaseTicketStore"/>).</summary>
internal static class SessionCookie
{
    public static void UseServerSessions(this CookieAuthenticationOptions cookie, KipSessionOptions sessions, ITicketStore store)
    {
        cookie.SessionStore = store;

        // The cookie outlives no session: never longer than the absolute lifetime, and not sliding (the server
        // record carries the idle timeout).
        cookie.ExpireTimeSpan = sessions.AbsoluteLifetime;
        cookie.SlidingExpiration = false;
    }
}
