using KIP.Domain.Organisations;

namespace KIP.Web.Data;

/// <summary>
/// "Recognised on date D" as a database query: the same date comparison as
/// <see cref="AcceptedCriterion.IsValidOn"/> (rulebook §2), over the stored validity intervals.
/// Never a stored flag: a lapse takes effect on its day without anyone acting.
/// </summary>
public static class RecognitionQueries
{
    public static IQueryable<Organisation> RecognisedOn(this IQueryable<Organisation> organisations, DateOnly date) =>
        organisations.Where(o => o.AcceptedCriteria.Any(c =>
            c.ValidFrom <= date && (c.ValidUntil == null || date <= c.ValidUntil) && (c.EndedOn == null || date < c.EndedOn)));

    public static IQueryable<Organisation> NotRecognisedOn(this IQueryable<Organisation> organisations, DateOnly date) =>
        organisations.Where(o => !o.AcceptedCriteria.Any(c =>
            c.ValidFrom <= date && (c.ValidUntil == null || date <= c.ValidUntil) && (c.EndedOn == null || date < c.EndedOn)));
}
