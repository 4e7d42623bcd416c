using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Browser;

/// <summary>
/// A new entrepreneur (Noor, signed in without an organisation) finds the way in from the
/// menu and asks access by KvK number; the coordination team refuses (with a reason) and then grants in another
/// browser, and Noor's open "Mijn organisatie" changes without a reload each time; /meldingen says so too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryAndAdmissionBrowserTests(BrowserFixture browser)
{
    private Task<IPage> SignedInAsync(Guid person, string path) => browser.SignInAsync(person, path);

    [Fact]
    public async Task A_new_entrepreneur_asks_access_and_sees_the_refusal_and_then_the_grant_live()
    {
        await using var noorContext = await browser.NewContextAsync();
        var noor = await noorContext.NewPageAsync();
        await BrowserFixture.VisitAsync(noor, "/");
        await noor.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await noor.GetByTestId($"demo-{DemoPersons.NewEntrepreneur}").ClickAsync();
        await Assertions.Expect(noor).ToHaveURLAsync($"{browser.BaseUrl}/");
        await BrowserFixture.WaitUntilInteractiveAsync(noor);
        await Assertions.Expect(noor.GetByTestId("user-name")).ToHaveTextAsync("Noor Bakker");

        // The menu and the home page offer the way in; "Mijn organisatie" shows the two ways forward, not "Geen toegang".
        var navigation = noor.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdnavigatie" });
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Organisatie aanmelden" })).ToBeVisibleAsync();
        await Assertions.Expect(noor.GetByTestId("home-register-organisation")).ToHaveAttributeAsync("href", "/organisaties/registreren");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Mijn organisatie" }).ClickAsync();
        await Assertions.Expect(noor.Locator("h1")).ToHaveTextAsync("Mijn organisatie");
        await Assertions.Expect(noor.GetByTestId("no-organisation")).ToBeVisibleAsync();
        await Assertions.Expect(noor.GetByTestId("register-link")).ToHaveAttributeAsync("href", "/organisaties/registreren");
        await BrowserFixture.AssertAccessibleAsync(noor);

        // Wrong, then unknown, then the right KvK number: each answer names the problem; nothing typed is lost on a bad one.
        var kvk = noor.GetByTestId("access-kvk");
        await kvk.FillAsync("8123");
        await noor.GetByTestId("request-access").ClickAsync();
        await Assertions.Expect(noor.GetByText("Een KvK-nummer bestaat uit precies 8 cijfers.")).ToBeVisibleAsync();
        await Assertions.Expect(kvk).ToHaveValueAsync("8123");
        await kvk.FillAsync("99999999");
        await noor.GetByTestId("request-access").ClickAsync();
        await Assertions.Expect(noor.GetByText("Er staat geen organisatie met dit KvK-nummer in KIP.", new() { Exact = false })).ToBeVisibleAsync();
        await kvk.FillAsync("81234567");
        await kvk.PressAsync("Enter");
        await Assertions.Expect(noor.GetByTestId("access-requested")).ToBeVisibleAsync();
        var request = noor.GetByTestId("my-access-request");
        await Assertions.Expect(request).ToHaveCountAsync(1);
        await Assertions.Expect(request).ToHaveAttributeAsync("data-status", "Open");
        await Assertions.Expect(request).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await BrowserFixture.AssertAccessibleAsync(noor);
        await noor.EvaluateAsync("() => window.kipNotReloaded = true");

        // The coordinator refuses: first without a reason (refused), then with one.
        var coordinator = await SignedInAsync(DemoPersons.Coordinator, "/coordinatie/toelating");
        await using var coordinatorContext = coordinator.Context;
        var item = coordinator.GetByTestId("access-item").Filter(new() { HasText = "Noor Bakker" });
        await item.GetByTestId("refuse").ClickAsync();
        await Assertions.Expect(item.GetByText("Vul een reden in", new() { Exact = false })).ToBeVisibleAsync();
        await item.GetByTestId("refuse-reason-input").FillAsync("Noor staat niet in het KvK-uittreksel van de Fietsenmakerij.");
        await item.GetByTestId("refuse").ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Bevestigen" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);

        // Noor's page changed by itself: refused, with the reason.
        await Assertions.Expect(request).ToHaveAttributeAsync("data-status", "Refused");
        await Assertions.Expect(request).ToContainTextAsync("Noor staat niet in het KvK-uittreksel");
        Assert.True(await noor.EvaluateAsync<bool>("() => window.kipNotReloaded === true"));

        // She asks again; the coordinator grants; her page lists the organisation, still without a reload.
        await kvk.FillAsync("81234567");
        await noor.GetByTestId("request-access").ClickAsync();
        await Assertions.Expect(noor.Locator("[data-testid=my-access-request][data-status=Open]")).ToHaveCountAsync(1);
        await coordinator.ReloadAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(coordinator);
        await item.GetByTestId("grant").ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Bevestigen" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);

        await Assertions.Expect(noor.GetByTestId("my-organisation")).ToContainTextAsync("De Fietsenmakerij Haarlem");
        await Assertions.Expect(noor.Locator("[data-testid=my-access-request][data-status=Granted]")).ToHaveCountAsync(1);
        Assert.True(await noor.EvaluateAsync<bool>("() => window.kipNotReloaded === true"));
        await BrowserFixture.AssertAccessibleAsync(noor);

        // The organisation opens (a fresh page load brings the new access into the session).
        await noor.GetByTestId("my-organisation").GetByRole(AriaRole.Link, new() { Name = "De Fietsenmakerij Haarlem" }).ClickAsync();
        await Assertions.Expect(noor.GetByTestId("organisation-kvk")).ToHaveTextAsync("81234567");

        // /meldingen has both decisions, the refusal with its reason.
        await BrowserFixture.VisitAsync(noor, "/meldingen");
        var texts = noor.GetByTestId("notification-text");
        await Assertions.Expect(texts).ToHaveCountAsync(2);
        await Assertions.Expect(texts.Nth(0)).ToContainTextAsync("U hebt toegang gekregen tot De Fietsenmakerij Haarlem");
        await Assertions.Expect(texts.Nth(1)).ToContainTextAsync("Reden: Noor staat niet in het KvK-uittreksel");
    }
}
