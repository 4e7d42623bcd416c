using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Domain.Region;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Overview;

/// <summary>Admitted organisations established in one municipality (null: outside the seven), per category and in all.</summary>
public sealed record MunicipalityOrganisations(Municipality? Municipality, IReadOnlyDictionary<string, int> PerCategory, int Total);

/// <summary>One criterion: how often it was granted per year (by the first day it held), and how many organisations hold it today.</summary>
public sealed record CriterionRecognitions(CriterionCode Criterion, IReadOnlyDictionary<int, int> GrantedPerYear, int ValidToday);

/// <summary>The region's picture on <see cref="Today"/> for the coordination team and the SROI officers: organisations, recognitions, ending badges, meetings and SROI spend.</summary>
public sealed record RegionOverview(
    DateOnly Today,
    IReadOnlyList<string> Categories,
    IReadOnlyList<MunicipalityOrganisations> Organisations,
    int AdmittedTotal,
    IReadOnlyList<int> RecognitionYears,
    IReadOnlyList<CriterionRecognitions> Recognitions,
    int RecognisedToday,
    IReadOnlyList<TemporaryBadgeEnding> TemporaryBadges,
    IReadOnlyList<MeetingYearTally> Meetings,
    IReadOnlyList<QuarterSpend> Spend);

/// <summary>
/// Counts for the region's picture, straight from the database: recognition "today" through
/// <see cref="RecognitionQueries"/> and the domain's <see cref="Organisation.Recognition"/>, meetings against §5's minimum
/// through <see cref="RegionPicture.MeetingYears"/>, SROI spend through <see cref="SroiRealisationService"/>. Dates are
/// Amsterdam dates from the injected clock.
/// </summary>
public sealed class RegionOverviewService(IDbContextFactory<KipDbContext> factory, SroiRealisationService sroi, TimeProvider time)
{
    public async Task<RegionOverview> LoadAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        var (categories, organisations, admitted) = await OrganisationsAsync(db, cancellationToken);
        var (years, recognitions, recognisedToday, temporary) = await RecognitionsAsync(db, today, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking()
            .Select(m => new { m.Date, m.Status })
            .ToListAsync(cancellationToken);
        var meetingYears = RegionPicture.MeetingYears(today, meetings.Select(m => new HeldOrPlannedMeeting(m.Date, m.Status == MeetingStatus.Closed)));

        var spend = await sroi.SpendPerQuarterAsync(cancellationToken);
        return new RegionOverview(today, categories, organisations, admitted, years, recognitions, recognisedToday, temporary, meetingYears, spend);
    }

    /// <summary>Admitted organisations by municipality of establishment and by the categories of their profile (one may name several).</summary>
    private static async Task<(IReadOnlyList<string>, IReadOnlyList<MunicipalityOrganisations>, int)> OrganisationsAsync(KipDbContext db, CancellationToken cancellationToken)
    {
        var admitted = await (
            from organisation in db.Organisations.AsNoTracking()
            where organisation.AdmissionStatus == AdmissionStatus.Admitted
            join profile in db.Profiles.AsNoTracking() on organisation.Id equals profile.OrganisationId into profiles
            from profile in profiles.DefaultIfEmpty()
            select new { organisation.EstablishedIn, Categories = profile != null ? profile.Categories : null })
            .ToListAsync(cancellationToken);
        var groups = admitted.Select(a => new { a.EstablishedIn, a.Categories, Count = 1 });

        var rows = groups
            .GroupBy(g => g.EstablishedIn)
            .Select(byPlace => new MunicipalityOrganisations(
                byPlace.Key,
                byPlace.SelectMany(g => (g.Categories ?? []).Distinct().Select(category => (category, g.Count)))
                    .GroupBy(c => c.category)
                    .ToDictionary(c => c.Key, c => c.Sum(x => x.Count)),
                byPlace.Sum(g => g.Count)))
            .OrderBy(r => r.Municipality is null ? int.MaxValue : IndexOf(r.Municipality))
            .ToList();
        var used = rows.SelectMany(r => r.PerCategory.Keys).ToHashSet();
        var categories = Catalog.Categories.Where(used.Contains).Concat(used.Except(Catalog.Categories).Order()).ToList();
        return (categories, rows, admitted.Count);
    }

    private static int IndexOf(Municipality municipality)
    {
        for (var i = 0; i < Municipality.All.Count; i++)
        {
            if (Municipality.All[i] == municipality)
            {
                return i;
            }
        }

        return int.MaxValue - 1;
    }

    /// <summary>
    /// Criteria granted per year (a criterion that never held a day, superseded on its first day, is not counted), the
    /// organisations recognised today per criterion, and the temporary badges whose last day is near.
    /// </summary>
    private static async Task<(IReadOnlyList<int>, IReadOnlyList<CriterionRecognitions>, int, IReadOnlyList<TemporaryBadgeEnding>)> RecognitionsAsync(
        KipDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var granted = await db.Organisations.AsNoTracking()
            .SelectMany(o => o.AcceptedCriteria)
            .Where(c => c.EndedOn == null || c.EndedOn > c.ValidFrom)
            .GroupBy(c => new { c.Code, c.ValidFrom.Year })
            .Select(g => new { g.Key.Code, g.Key.Year, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var recognised = await db.Organisations.AsNoTracking().RecognisedOn(today).ToListAsync(cancellationToken);
        var validToday = recognised.SelectMany(o => o.ValidCriteriaOn(today).Select(c => c.Code).Distinct()).CountBy(code => code).ToDictionary();
        var temporary = recognised
            .Select(o => RegionPicture.TemporaryBadgeEndingSoon(o, today))
            .OfType<TemporaryBadgeEnding>()
            .OrderBy(t => t.LastDay)
            .ThenBy(t => t.Name, StringComparer.CurrentCulture)
            .ToList();

        var years = granted.Select(g => g.Year).Distinct().Order().ToList();
        var criteria = CriterionCode.All
            .Select(code => new CriterionRecognitions(
                code,
                granted.Where(g => g.Code == code).ToDictionary(g => g.Year, g => g.Count),
                validToday.GetValueOrDefault(code)))
            .ToList();
        return (years, criteria, recognised.Count, temporary);
    }
}
