using KIP.Tests.Infrastructure;
using KIP.Tests.Live;

namespace KIP.Tests.Web;

/// <summary>
/// The suite starts its longest collections first, so the two cores of a CI machine stay busy to the end
/// (<see cref="LongestFirst"/>): browser tests must be recognised however they get their browser.
/// </summary>
public sealed class LongestFirstTests
{
    private static readonly Dictionary<string, int> Costs = LongestFirst.CostsByCollection(typeof(LongestFirst).Assembly);

    [Fact]
    public void The_shared_browser_collection_starts_before_every_collection_without_a_browser()
    {
        var browser = Costs[BrowserCollection.Name];
        var withoutBrowser = Costs.Where(c => c.Value < LongestFirst.BrowserTestWeight).ToList();

        Assert.NotEmpty(withoutBrowser);
        Assert.All(withoutBrowser, c => Assert.True(browser > c.Value, $"{c.Key} ({c.Value}) is estimated longer than the browser collection ({browser})"));
    }

    [Theory]
    [InlineData(typeof(KilledMidVoteTests))] // launches its own Chromium inside the test
    [InlineData(typeof(KIP.Tests.Browser.FormsBrowserTests))] // a class fixture
    public void A_class_that_drives_a_browser_weighs_as_browser_tests(Type type)
    {
        Assert.True(Costs[$"Test collection for {type.FullName}"] >= LongestFirst.BrowserTestWeight);
    }

    [Fact]
    public void A_class_that_runs_an_abstract_bases_tests_weighs_them_all()
    {
        // The search semantics on PostgreSQL: every test is inherited from the engine-neutral base.
        var inherited = typeof(KIP.Tests.Search.SupplierSearchSemantics).GetMethods().Count(m => m.GetCustomAttributes(typeof(FactAttribute), inherit: true).Length > 0);

        Assert.True(inherited > 10);
        Assert.True(Costs[$"Test collection for {typeof(KIP.Tests.Search.PostgresSupplierSearchTests).FullName}"] >= inherited);
    }

    [Fact]
    public void A_class_without_a_browser_weighs_one_per_test()
    {
        // This class: three facts and a theory with two cases.
        Assert.Equal(5, Costs[$"Test collection for {typeof(LongestFirstTests).FullName}"]);
    }
}
