using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Search;

/// <summary>
/// Search semantics over the demo directory (product.md, "GET /api/v1/suppliers"; rulebook §2), the same on each
/// database engine (docs/decisions/015): SQLite below, PostgreSQL in <see cref="PostgresSupplierSearchTests"/>.
/// </summary>
public abstract class SupplierSearchSemantics(AppFixture fixture)
{
    private SupplierSearch SearchAt(DateTimeOffset now) => new(fixture.Db, Sql, new FakeTimeProvider(now));

    private SupplierSearch Search => new(fixture.Db, Sql, TimeProvider.System);

    private ISupplierSearchSql Sql => fixture.App.Services.GetRequiredService<ISupplierSearchSql>();

    /// <summary>How many rows of the engine's search index match <paramref name="prefix"/> as a word prefix for one organisation, read in <paramref name="db"/>'s transaction.</summary>
    protected abstract int Hits(KipDbContext db, string prefix, Guid organisationId);

    private static async Task<IReadOnlyList<string>> NamesAsync(SupplierSearch search, SupplierQuery query) =>
        [.. (await search.SearchAsync(query with { PageSize = 100 })).Items.Select(i => i.Name)];

    [Theory]
    [InlineData("cafe", "Café De Ontmoeting")]
    [InlineData("CAFÉ", "Café De Ontmoeting")]
    [InlineData("energiecooperatie", "Energiecoöperatie Kennemerwind")]
    [InlineData("fiets", "De Fietsenmakerij Haarlem")]
    [InlineData("fiets", "Fietskoeriers Kennemerland")]
    [InlineData("sch", "Schoonmaakbedrijf Schoon & Sociaal")]
    [InlineData("glasbew", "Schoonmaakbedrijf Schoon & Sociaal")]
    [InlineData("ijmuiden", "Loopbaan & Leerwerk")]
    public async Task Text_search_ignores_accents_and_case_and_matches_word_prefixes(string text, string expected)
    {
        Assert.Contains(expected, await NamesAsync(Search, new SupplierQuery { Text = text }));
    }

    [Theory]
    [InlineData("schoonmaak", "Glashelder Glazenwassers")] // its texts say "glazenwassers", its category is Schoonmaak
    [InlineData("cleaning", "Glashelder Glazenwassers")]
    [InlineData("groenvoorziening", "Het Groene Hart Hoveniers")]
    [InlineData("landscaping", "Het Groene Hart Hoveniers")]
    [InlineData("klimaat energie", "Het Groene Hart Hoveniers")] // impact theme Klimaat en energie
    public async Task Category_and_theme_names_are_searched_in_Dutch_and_English(string text, string expected)
    {
        Assert.Contains(expected, await NamesAsync(Search, new SupplierQuery { Text = text }));
    }

    [Fact]
    public async Task Searching_a_category_name_finds_every_organisation_in_that_category()
    {
        var inCategory = await NamesAsync(Search, new SupplierQuery { Categories = ["schoonmaak"] });
        var found = await NamesAsync(Search, new SupplierQuery { Text = "schoonmaak" });

        Assert.True(inCategory.Count >= 3);
        Assert.All(inCategory, name => Assert.Contains(name, found));
    }

    [Fact]
    public async Task A_new_category_is_searchable_in_the_same_transaction_as_the_change()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var profile = await db.Profiles.SingleAsync(p => p.OrganisationId == DemoPersons.FietsenmakerijId);
        Assert.Equal(0, Hits(db, "drukwerk", DemoPersons.FietsenmakerijId));

        profile.Categories = [.. profile.Categories, "drukwerk-en-promotie"];
        await db.SaveChangesAsync();

        Assert.Equal(1, Hits(db, "drukwerk", DemoPersons.FietsenmakerijId));
        Assert.Equal(1, Hits(db, "printing", DemoPersons.FietsenmakerijId));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Two_words_must_both_match()
    {
        var names = await NamesAsync(Search, new SupplierQuery { Text = "fiets koerier" });

        Assert.Equal(["Fietskoeriers Kennemerland"], names);
    }

    [Theory]
    [InlineData("s")]
    [InlineData(" ")]
    [InlineData("")]
    public async Task A_text_shorter_than_two_characters_is_ignored(string text)
    {
        var all = await Search.SearchAsync(new SupplierQuery());
        var withShortText = await Search.SearchAsync(new SupplierQuery { Text = text });

        Assert.Equal(all.Total, withShortText.Total);
        Assert.False(withShortText.TotalIsCapped);
    }

    [Fact]
    public async Task Only_admitted_organisations_appear()
    {
        var names = await NamesAsync(Search, new SupplierQuery { Text = "verhuis" });

        Assert.DoesNotContain("Verhuisbedrijf Sterke Schouders", names);
    }

    [Fact]
    public async Task A_visitor_finds_a_recognised_cleaning_company_in_Velsen()
    {
        var names = await NamesAsync(Search, new SupplierQuery
        {
            Municipalities = [Municipality.Velsen],
            Categories = ["schoonmaak"],
            Recognised = true,
        });

        Assert.Equal(["Schoonmaakbedrijf Schoon & Sociaal"], names);
    }

    [Fact]
    public async Task Municipality_matches_where_established_or_where_working()
    {
        var haarlem = await NamesAsync(Search, new SupplierQuery { Municipalities = [Municipality.Haarlem] });

        Assert.Contains("Café De Ontmoeting", haarlem); // established there
        Assert.Contains("Catering Met Kansen", haarlem); // established in Velsen, works in Haarlem
        Assert.DoesNotContain("Strandwerk Zandvoort", haarlem);
    }

    [Fact]
    public async Task A_text_search_s_filters_follow_a_change_of_where_an_organisation_works_and_of_its_categories()
    {
        var zandvoort = new SupplierQuery { Text = "fiets", Municipalities = [Municipality.Zandvoort] };
        var printing = new SupplierQuery { Text = "fiets", Categories = ["drukwerk-en-promotie"] };
        Assert.DoesNotContain("De Fietsenmakerij Haarlem", await NamesAsync(Search, zandvoort));
        Assert.DoesNotContain("De Fietsenmakerij Haarlem", await NamesAsync(Search, printing));

        await ChangeAsync(worksIn: [Municipality.Zandvoort], category: "drukwerk-en-promotie");
        try
        {
            Assert.Contains("De Fietsenmakerij Haarlem", await NamesAsync(Search, zandvoort));
            Assert.Contains("De Fietsenmakerij Haarlem", await NamesAsync(Search, printing));
        }
        finally
        {
            await ChangeAsync(worksIn: [], category: null);
        }

        Assert.DoesNotContain("De Fietsenmakerij Haarlem", await NamesAsync(Search, zandvoort));
        Assert.DoesNotContain("De Fietsenmakerij Haarlem", await NamesAsync(Search, printing));
    }

    // Adds (or, with nothing given, removes again) a municipality worked in and a category of the Fietsenmakerij.
    private async Task ChangeAsync(IReadOnlyList<Municipality> worksIn, string? category)
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == DemoPersons.FietsenmakerijId);
        var profile = await db.Profiles.SingleAsync(p => p.OrganisationId == DemoPersons.FietsenmakerijId);
        var works = organisation.WorksIn.Where(m => m != Municipality.Zandvoort).Concat(worksIn).ToList();
        organisation.UpdateDetails(organisation.Name, organisation.LegalForm, organisation.EstablishedIn, works, organisation.FoundedOn, organisation.Employees);
        profile.Categories = [.. profile.Categories.Where(c => c != "drukwerk-en-promotie"), .. category is null ? [] : new[] { category }];
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Filters_combine_and_repeated_values_widen_a_filter()
    {
        var one = await NamesAsync(Search, new SupplierQuery { Categories = ["catering"], Themes = ["ontmoeting"] });
        var two = await NamesAsync(Search, new SupplierQuery { Categories = ["catering", "ict"], Themes = ["ontmoeting"] });
        var withCriterion = await NamesAsync(Search, new SupplierQuery { Categories = ["catering"], Criteria = [CriterionCode.NonProfit] });

        Assert.All(one, name => Assert.Contains(name, two));
        Assert.Contains("Buurtkeuken Zandvoort", one);
        Assert.DoesNotContain("Koffiebranderij Spaarne", one); // catering, but not the theme
        Assert.Equal(["Café De Ontmoeting"], withCriterion);
    }

    [Fact]
    public async Task Recognised_false_lists_exactly_the_others()
    {
        var all = await Search.SearchAsync(new SupplierQuery());
        var recognised = await Search.SearchAsync(new SupplierQuery { Recognised = true });
        var not = await NamesAsync(Search, new SupplierQuery { Recognised = false });

        Assert.Equal(all.Total, recognised.Total + not.Count);
        Assert.Contains("Vervoer op Maat Beverwijk", not); // lapsed
        Assert.Contains("Bouwstraat IJmond", not); // revoked
    }

    [Fact]
    public async Task The_recognised_filter_holds_on_the_last_valid_day_and_not_the_day_after_in_Amsterdam()
    {
        // Drukkerij Kennemerland Werkt rests on one PSO 30+ certificate only.
        await using var db = await fixture.Db.CreateDbContextAsync();
        var drukkerij = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Drukkerij Kennemerland Werkt");
        var lastDay = Assert.Single(drukkerij.AcceptedCriteria).ValidUntil!.Value;
        var amsterdam = AmsterdamCalendar.Zone;
        DateTimeOffset At(DateOnly day, int hour, int minute, TimeZoneInfo zone)
        {
            var local = day.ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var query = new SupplierQuery { Text = "drukkerij kennemerland", Recognised = true };

        Assert.Single(await NamesAsync(SearchAt(At(lastDay, 12, 0, amsterdam)), query));
        Assert.Single(await NamesAsync(SearchAt(At(lastDay, 23, 59, amsterdam)), query));
        Assert.Empty(await NamesAsync(SearchAt(At(lastDay.AddDays(1), 0, 0, amsterdam)), query));
        // 23:30 UTC on the last valid day is already the next day in Amsterdam.
        Assert.Empty(await NamesAsync(SearchAt(At(lastDay, 23, 30, TimeZoneInfo.Utc)), query));
        var stillThere = await NamesAsync(SearchAt(At(lastDay.AddDays(1), 0, 0, amsterdam)), query with { Recognised = null });
        Assert.Equal(["Drukkerij Kennemerland Werkt"], stillThere); // it stays in the directory
    }

    [Fact]
    public async Task A_badge_resting_only_on_startup_zzp_is_temporary_with_its_end_date()
    {
        var page = await Search.SearchAsync(new SupplierQuery { Text = "studio zeewind" });

        var item = Assert.Single(page.Items);
        Assert.True(item.Recognised);
        Assert.True(item.TemporaryBadge);
        Assert.Equal(["startup-zzp"], item.RecognisedCriteria);
        Assert.NotNull(item.RecognisedUntil);
    }

    [Fact]
    public async Task Sorting_by_name_and_by_recently_recognised()
    {
        var byName = await NamesAsync(Search, new SupplierQuery { Sort = SupplierSort.Name });
        var recent = (await Search.SearchAsync(new SupplierQuery { Sort = SupplierSort.RecentlyRecognised, PageSize = 100 })).Items;

        Assert.Equal(byName.Order(StringComparer.OrdinalIgnoreCase), byName);
        Assert.True(recent[0].Recognised);
        Assert.False(recent[^1].Recognised);
    }

    [Fact]
    public async Task Paging_splits_the_results_without_overlap()
    {
        var first = await Search.SearchAsync(new SupplierQuery { Sort = SupplierSort.Name, PageSize = 10, Page = 1 });
        var second = await Search.SearchAsync(new SupplierQuery { Sort = SupplierSort.Name, PageSize = 10, Page = 2 });

        Assert.Equal(10, first.Items.Count);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
        Assert.Equal(first.Total, second.Total);
    }

    [Fact]
    public async Task The_index_follows_a_profile_change_in_the_same_transaction_and_a_rollback()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var profile = await db.Profiles.SingleAsync(p => p.OrganisationId == DemoPersons.FietsenmakerijId);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            profile.Offer += " Bakfietsverhuur voor evenementen.";
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Empty(await NamesAsync(Search, new SupplierQuery { Text = "bakfietsverhuur" }));

        await using var again = await fixture.Db.CreateDbContextAsync();
        var stored = await again.Profiles.SingleAsync(p => p.OrganisationId == DemoPersons.FietsenmakerijId);
        stored.Offer += " Tandemverhuur voor evenementen.";
        await again.SaveChangesAsync();

        Assert.Equal(["De Fietsenmakerij Haarlem"], await NamesAsync(Search, new SupplierQuery { Text = "tandemverhuur" }));
    }
}

/// <summary>The search semantics on SQLite (FTS5), on the shared app.</summary>
[Collection(AppCollection.Name)]
public sealed class SupplierSearchTests(AppFixture fixture) : SupplierSearchSemantics(fixture)
{
    protected override int Hits(KipDbContext db, string prefix, Guid organisationId) => db.Database
        .SqlQueryRaw<int>("SELECT count(*) AS Value FROM SupplierSearch s JOIN OrganisationProfiles p ON p.rowid = s.rowid WHERE SupplierSearch MATCH {0} AND p.OrganisationId = {1}", prefix + "*", organisationId)
        .AsEnumerable().Single();
}

/// <summary>The same search semantics on PostgreSQL (tsvector + unaccent), on a database of its own.</summary>
public sealed class PostgresSupplierSearchTests(PostgresAppFixture fixture) : SupplierSearchSemantics(fixture), IClassFixture<PostgresAppFixture>
{
    protected override int Hits(KipDbContext db, string prefix, Guid organisationId) => db.Database
        .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM \"SupplierSearch\" s WHERE s.\"Document\" @@ to_tsquery('simple', {0}) AND s.\"OrganisationId\" = {1}", prefix + ":*", organisationId)
        .AsEnumerable().Single();
}

public sealed class SupplierQueryStringTests
{
    [Fact]
    public void Equal_searches_give_equal_query_strings_and_parse_back()
    {
        var text = "?query=schoon&municipality=velsen&municipality=haarlem&category=schoonmaak&recognised=true&sort=name&page=2";
        var (first, _) = SupplierQueryString.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text));
        var (second, _) = SupplierQueryString.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text));

        Assert.NotSame(first!.Municipalities, second!.Municipalities);
        Assert.Equal(SupplierQueryString.ToQueryString(first), SupplierQueryString.ToQueryString(second));
        Assert.Equal(text, SupplierQueryString.ToQueryString(first));
    }
}
