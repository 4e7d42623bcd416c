using KIP.Domain;
using KIP.Domain.Voting;
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
}
