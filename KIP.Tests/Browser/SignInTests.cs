using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>Signing in and out in a browser through the full OpenID Connect redirect flow of the embedded provider.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_protected_page_sends_the_visitor_through_the_Dutch_sign_in_and_back_then_out_again()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/inkoop");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/demo-aanmelden"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inloggen bij de KIP-demo");
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId($"demo-{DemoPersons.SroiOfficer}").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/inkoop");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkoop en SROI");
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Lotte Mulder");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Inkoop en SROI" })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Coördinatie" })).ToHaveCountAsync(0);
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Commissie" })).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);

        await page.GetByTestId("sign-out").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/inkoop");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/demo-aanmelden"));
    }

    [Fact]
    public async Task The_app_bar_sign_in_button_and_the_access_denied_page_work_for_a_coordinator()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(page, "/");

        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId($"demo-{DemoPersons.Coordinator}").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Coördinatie" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Coördinatieteam");
        await Assertions.Expect(page.GetByTestId("seat-term")).ToHaveCountAsync(5);
        await BrowserFixture.AssertAccessibleAsync(page);

        await BrowserFixture.VisitAsync(page, "/inkoop");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/geen-toegang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Geen toegang");
    }

    [Fact]
    public async Task An_entrepreneur_navigating_inside_the_app_to_another_organisations_id_is_refused()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/mijn-organisatie");
        await page.GetByTestId($"demo-{DemoPersons.Entrepreneur}").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "De Fietsenmakerij Haarlem" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisation-kvk")).ToHaveTextAsync("81234567");
        await BrowserFixture.AssertAccessibleAsync(page);

        // In the live circuit, not a new request: AuthorizeRouteView checks the route's id too.
        await page.EvaluateAsync($"() => Blazor.navigateTo('/organisaties/{DemoPersons.SchoonEnSociaalId}/beheer')");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Geen toegang");
        await Assertions.Expect(page.GetByText("34123456")).ToHaveCountAsync(0);
        await BrowserFixture.AssertAccessibleAsync(page);
    }
}
