using KIP.Domain;
using KIP.Tests.Infrastructure;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Search;

/// <summary>
/// SQLite (FTS5) and PostgreSQL (tsvector + unaccent) give a buyer the same list for the same search
/// (docs/decisions/015): the same total, the same rows in the same order — bm25 ranking, names sorted as SQLite's
/// NOCASE, every filter, paging and the export. Each engine on a fresh app with the demo directory.
/// </summary>
public sealed class SearchEnginesAgreeTests(AppFixture sqlite, PostgresAppFixture postgres) : IClassFixture<AppFixture>, IClassFixture<PostgresAppFixture>
{
    public static TheoryData<string> Searches() =>
    [
        "query=sc", "query=de", "query=ka", "query=we", "query=fiets", "query=cafe", "query=CAFÉ", "query=energiecooperatie",
        "query=schoon", "query=werk", "query=haarlem", "query=klimaat%20energie", "query=de%20ha", "query=sociaal%20werk",
        "query=cleaning", "query=ijmuiden", "query=zz", "query=de&municipality=haarlem", "query=de&municipality=velsen&municipality=beverwijk",
        "query=s&category=schoonmaak", "query=ca&category=catering&theme=ontmoeting", "query=de&recognised=true",
        "query=de&recognised=false", "query=ka&criterion=pso-30-plus", "query=de&sort=name", "query=de&sort=recently-recognised",
        "query=ve&sort=recently-recognised&recognised=true", "query=de&page=2&pageSize=5", "sort=name", "sort=recently-recognised", "", "municipality=zandvoort",
        "category=schoonmaak&recognised=true", "theme=ontmoeting&sort=recently-recognised", "recognised=false&sort=name&page=2&pageSize=7",
    ];

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Both_engines_find_the_same_rows_in_the_same_order(string queryString)
    {
        var query = Parse(queryString);
        var fromSqlite = await Search(sqlite).SearchAsync(query);
        var fromPostgres = await Search(postgres).SearchAsync(query);

        Assert.Equal(fromSqlite.Total, fromPostgres.Total);
        Assert.Equal(fromSqlite.TotalIsCapped, fromPostgres.TotalIsCapped);
        Assert.Equal(fromSqlite.Items.Select(i => i.Name), fromPostgres.Items.Select(i => i.Name));
        Assert.Equal((await Search(sqlite).AllAsync(query)).Select(i => i.Name), (await Search(postgres).AllAsync(query)).Select(i => i.Name));
    }

    [Fact]
    public async Task The_comparison_sees_ranked_lists_of_several_rows()
    {
        var page = await Search(postgres).SearchAsync(Parse("query=de"));

        Assert.True(page.Items.Count >= 10, "a broad word finds many organisations, so the order is put to the test");
    }

    private static SupplierQuery Parse(string queryString)
    {
        var (query, _) = SupplierQueryString.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?" + queryString));
        return Assert.IsType<SupplierQuery>(query) with { PageSize = query!.PageSize == SupplierQuery.DefaultPageSize ? 50 : query.PageSize };
    }

    private static SupplierSearch Search(AppFixture fixture) =>
        new(fixture.Db, fixture.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System);
}
