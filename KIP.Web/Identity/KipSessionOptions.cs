using KIP.Web.Data;

namespace KIP.Web.Identity;

/// <summary>
/// <c>Kip:Sessions</c>: how long a signed-in session lasts (ASVS V7.3). The session lives on the server
/// (<see cref="DatabaseTicketStore"/>); the cookie carries only its key. All the numbers are here.
/// </summary>
public sealed class KipSessionOptions
{
    public const string Section = "Kip:Sessions";

    /// <summary>Staff roles (commission, coordination, SROI officer): the session ends after this long without activity.</summary>
    public TimeSpan StaffIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Everyone else (entrepreneurs, a person without a role yet): the session ends after this long without activity.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>However active, a session ends this long after signing in.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open page asks again whether its session and roles still hold.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Activity is written to the session record at most this often (one write per minute, not per click).</summary>
    public TimeSpan TouchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The roles that get <see cref="StaffIdleTimeout"/>.</summary>
    public static readonly IReadOnlySet<string> StaffRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        KipRoles.Commission, KipRoles.Coordination, KipRoles.SroiOfficer,
    };

    /// <summary>The idle timeout for a person holding <paramref name="roles"/> now.</summary>
    public TimeSpan IdleTimeoutFor(IEnumerable<string> roles) =>
        roles.Any(StaffRoles.Contains) ? StaffIdleTimeout : IdleTimeout;
}
