using KIP.Domain;
using KIP.Domain.Region;
using KIP.Web.Components.Pages.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Overview;

/// <summary>The region's picture counted from the database on the seeded organisations and meetings of <see cref="RegionFixture"/>.</summary>
public sealed class RegionOverviewQueryTests(RegionFixture region) : IClassFixture<RegionFixture>
{
    private async Task<RegionOverview> LoadAsync()
    {
        using var scope = region.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegionOverviewService>().LoadAsync();
    }

    [Fact]
    public async Task Admitted_organisations_are_counted_per_municipality_of_establishment_and_per_category()
    {
        var overview = await LoadAsync();

        Assert.Equal(RegionFixture.Today, overview.Today);
        Assert.Equal(8, overview.AdmittedTotal); // G was never admitted
        Assert.Equal(["catering", "schoonmaak", "bouw-en-onderhoud", "ict", "advies"], overview.Categories);
        var rows = overview.Organisations.Select(r => (r.Municipality?.Code ?? "outside", r.Total, string.Join(",", r.PerCategory.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))));
        Assert.Equal(
            [
                ("haarlem", 3, "catering=2,schoonmaak=2"),
                ("bloemendaal", 1, "bouw-en-onderhoud=1"),
                ("velsen", 2, "ict=2"),
                ("heemskerk", 1, "catering=1"),
                ("outside", 1, "advies=1"),
            ],
            rows);
    }

    [Fact]
    public async Task Recognitions_are_counted_per_criterion_and_year_granted_and_validity_today_follows_the_rulebook()
    {
        var overview = await LoadAsync();

        Assert.Equal([2022, 2023, 2024, 2025, 2026], overview.RecognitionYears);
        var granted = overview.Recognitions.ToDictionary(r => r.Criterion.Value);
        Assert.Equal(CriterionCode.All, overview.Recognitions.Select(r => r.Criterion)); // the rulebook's order, all six
        Assert.Equal(new Dictionary<int, int> { [2024] = 1, [2025] = 4 }, granted["startup-zzp"].GrantedPerYear);
        Assert.Equal(new Dictionary<int, int> { [2024] = 1 }, granted["non-profit"].GrantedPerYear);
        Assert.Equal(new Dictionary<int, int> { [2026] = 1 }, granted["pso-30-plus"].GrantedPerYear);
        Assert.Equal(new Dictionary<int, int> { [2023] = 1 }, granted["b-corp"].GrantedPerYear);
        Assert.Equal(new Dictionary<int, int> { [2022] = 1 }, granted["social-enterprise-nl"].GrantedPerYear);
        Assert.Empty(granted["code-sociale-ondernemingen"].GrantedPerYear);

        // Valid today: A (non-profit), B, C, D (startup-zzp), E (startup-zzp and PSO 30+). Not F (lapsed), H (grace ended), I (revoked).
        Assert.Equal(5, overview.RecognisedToday);
        Assert.Equal(4, granted["startup-zzp"].ValidToday);
        Assert.Equal(1, granted["non-profit"].ValidToday);
        Assert.Equal(1, granted["pso-30-plus"].ValidToday);
        Assert.Equal(0, granted["b-corp"].ValidToday);
        Assert.Equal(0, granted["social-enterprise-nl"].ValidToday);
    }

    [Fact]
    public async Task Temporary_badges_ending_within_ninety_days_are_listed_with_their_last_day_the_ninety_first_day_is_not()
    {
        var overview = await LoadAsync();

        Assert.Equal(
            [("Bravo Broodjes", new DateOnly(2027, 2, 9), 75), ("Charlie ICT", new DateOnly(2027, 2, 24), 90)],
            overview.TemporaryBadges.Select(b => (b.Name, b.LastDay, b.DaysLeft(overview.Today))));
        Assert.Equal(RegionFixture.Id('B'), overview.TemporaryBadges[0].OrganisationId);
        Assert.Equal(Municipality.Velsen, overview.TemporaryBadges[1].EstablishedIn);
    }

    [Fact]
    public async Task Meetings_are_held_against_two_a_year_from_the_first_meeting_year_through_next_year()
    {
        var overview = await LoadAsync();

        Assert.Equal(
            [(2025, 2, 0, true, false), (2026, 1, 1, false, true), (2027, 0, 1, false, false)],
            overview.Meetings.Select(m => (m.Year, m.Held, m.Planned, m.IsMet, m.IsOnTrack)));
        Assert.All(overview.Meetings, m => Assert.Equal(RecognitionPolicy.MinimumMeetingsPerYear, m.Required));
    }

    [Fact]
    public void A_quarter_runs_from_its_first_to_its_last_day()
    {
        Assert.Equal(new Quarter(2026, 1), Quarter.Of(new DateOnly(2026, 3, 31)));
        Assert.Equal(new Quarter(2026, 2), Quarter.Of(new DateOnly(2026, 4, 1)));
        Assert.Equal(new DateOnly(2026, 12, 31), new Quarter(2026, 4).LastDay);
        Assert.Equal([new Quarter(2026, 4), new Quarter(2027, 1)], Quarter.Range(new Quarter(2026, 4), new Quarter(2027, 1)));
    }
}
