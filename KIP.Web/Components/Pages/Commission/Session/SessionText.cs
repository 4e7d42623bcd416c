using KIP.Web.Live;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Pages.Commission.Session;

/// <summary>Texts of a session's record that several screens show alike.</summary>
public static class SessionText
{
    /// <summary>A closed motion's outcome; a deferral says why (rulebook §6: a tie, or too few votes).</summary>
    public static string Outcome(IStringLocalizer localizer, ClosedMotionView motion)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(motion);
        return motion.WhyDeferred is { } why ? localizer[$"Session.Deferred.{why}"] : localizer[$"Session.Outcome.{motion.Outcome}"];
    }
}
