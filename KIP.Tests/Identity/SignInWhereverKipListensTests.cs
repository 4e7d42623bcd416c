using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Identity;

/// <summary>
/// Started on any port without <c>Kip:PublicUrl</c>, KIP signs in at the address in the browser's
/// address bar (localhost or 127.0.0.1), a failed sign-in ends on the sign-in page with a plain message (never a
/// stack trace), and a public URL that cannot work stops start-up with one clear sentence.
/// </summary>
public sealed class SignInWhereverKipListensTests
{
    [Fact]
    public async Task Without_a_public_url_a_person_signs_in_and_out_on_localhost_and_on_127_0_0_1()
    {
        // "" = not set: the address comes from each request (the AppProcess default sets it).
        await using var app = new AppProcess(new Dictionary<string, string> { ["Kip__PublicUrl"] = string.Empty });
        await app.StartAsync(TimeSpan.FromMinutes(3));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);

        foreach (var origin in new[] { $"http://127.0.0.1:{app.Port}", $"http://localhost:{app.Port}" })
        {
            await using var context = await BrowserFixture.NewContextAsync(browser, origin, timeout: 30_000);
            var page = await context.NewPageAsync();
            var failures = new List<string>();
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    failures.Add($"{response.Status} {response.Url}");
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    failures.Add(message.Text);
                }
            };

            // Home → "Inloggen" in the app bar → the demo sign-in page, on the same address the browser used.
            await BrowserFixture.VisitAsync(page, "/");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(origin) + "/account/demo-aanmelden"));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inloggen bij de KIP-demo");

            await page.GetByTestId($"demo-{DemoPersons.SroiOfficer}").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{origin}/");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Lotte Mulder");

            // A protected page opens signed in; then "Uitloggen" ends the session on this address.
            await BrowserFixture.VisitAsync(page, "/inkoop");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inkoop en SROI");
            await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{origin}/");
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" })).ToBeVisibleAsync();

            Assert.True(failures.Count == 0, $"{origin}: " + string.Join("\n", failures));
        }

        Assert.DoesNotContain("Unable to obtain configuration", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_that_fails_at_the_callback_shows_the_sign_in_page_with_a_plain_message_not_a_stack_trace()
    {
        await using var app = new AppProcess(new Dictionary<string, string> { ["Kip__PublicUrl"] = string.Empty });
        await app.StartAsync(TimeSpan.FromMinutes(3));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);
        await using var context = await BrowserFixture.NewContextAsync(browser, app.BaseUrl);
        var page = await context.NewPageAsync();

        // A callback nobody started (an old bookmark, a replayed link): the handler cannot match it to a sign-in.
        var response = await page.GotoAsync("/signin-oidc-kip-demo?code=old&state=unknown");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/aanmelden\\?fout=1$"));
        await Assertions.Expect(page.GetByTestId("sign-in-failed")).ToContainTextAsync("Inloggen is niet gelukt");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Exception");
        await BrowserFixture.AssertAccessibleAsync(page);

        // Trying again from there works.
        await page.GetByTestId("sign-in-kip-demo").ClickAsync();
        await page.GetByTestId($"demo-{DemoPersons.Coordinator}").ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync("Ahmed Yilmaz");
    }

    [Fact]
    public async Task A_public_url_that_cannot_work_stops_start_up_with_one_clear_sentence()
    {
        await using var app = new AppProcess(new Dictionary<string, string> { ["Kip__PublicUrl"] = "kip.example.nl" });

        var exitCode = await app.RunToExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("KIP start niet: 1 instelling klopt niet.", app.Output, StringComparison.Ordinal);
        Assert.Contains("- Kip:PublicUrl = 'kip.example.nl': geen volledig http(s)-adres zoals https://kip.example.nl", app.Output, StringComparison.Ordinal);
    }
}
