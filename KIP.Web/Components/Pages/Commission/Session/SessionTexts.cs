using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Live;
using KIP.Web.Localization;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Pages.Commission.Session;

/// <summary>Texts the session's parts share.</summary>
internal static class SessionTexts
{
    public static string MotionTitle(IStringLocalizer l, MotionKind kind, IReadOnlyList<CriterionCode> criteria) =>
        kind == MotionKind.Recognise
            ? l["Session.MotionTitle.Recognise", string.Join(", ", criteria.Select(c => CatalogText.CriterionTitle(c)))]
            : l["Session.MotionTitle.Reject"];

    /// <summary>A closed motion's outcome; a deferral says why (rulebook §6: a tie, or too few votes).</summary>
    public static string Outcome(IStringLocalizer l, ClosedMotionView motion) =>
        motion.WhyDeferred is { } why ? l[$"Session.Deferred.{why}"] : l[$"Session.Outcome.{motion.Outcome}"];
}
