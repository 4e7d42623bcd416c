using KIP.Domain.Organisations;

namespace KIP.Web.Data;

/// <summary>
/// "Recognised on date D" as a database query: KIP.Domain's own rule <see cref="AcceptedCriterion.ValidOn"/>
/// (rulebook §2), over the stored validity intervals. Never a stored flag: a lapse takes effect on its day
/// without anyone acting.
/// </summary>
public static class RecognitionQueries
{
    public static IQueryable<Organisation> RecognisedOn(this IQueryable<Organisation> organisations, DateOnly date)
    {
        var valid = AcceptedCriterion.ValidOn(date);
        return organisations.Where(o => o.AcceptedCriteria.AsQueryable().Any(valid));
    }

    public static IQueryable<Organisation> NotRecognisedOn(this IQueryable<Organisation> organisations, DateOnly date)
    {
        var valid = AcceptedCriterion.ValidOn(date);
        return organisations.Where(o => !o.AcceptedCriteria.AsQueryable().Any(valid));
    }
}
