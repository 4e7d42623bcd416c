using KIP.Web.Data;
using KIP.Web.Settings;

namespace KIP.Web.Identity;

/// <summary>
/// <c>Kip:Sessions</c>: how long a signed-in session lasts (ASVS V7.3). The session lives on the server
/// (<see cref="DatabaseTicketStore"/>); the cookie carries only its key. All the numbers are here.
/// </summary>
public sealed class KipSessionOptions : IKipSettings<KipSessionOptions>
{
    public static string Section => "Kip:Sessions";

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

    /// <summary>Every duration is longer than zero.</summary>
    public static void Check(KipSessionOptions settings, SettingErrors errors)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(errors);
        errors.Positive($"{Section}:{nameof(StaffIdleTimeout)}", settings.StaffIdleTimeout);
        errors.Positive($"{Section}:{nameof(IdleTimeout)}", settings.IdleTimeout);
        errors.Positive($"{Section}:{nameof(AbsoluteLifetime)}", settings.AbsoluteLifetime);
        errors.Positive($"{Section}:{nameof(RevalidationInterval)}", settings.RevalidationInterval);
        errors.Positive($"{Section}:{nameof(TouchInterval)}", settings.TouchInterval);
    }
}
