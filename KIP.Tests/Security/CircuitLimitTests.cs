using System.Net;
using System.Net.WebSockets;
using KIP.Tests.Infrastructure;
using KIP.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace KIP.Tests.Security;

/// <summary>
/// Circuits (Blazor guidance, ASVS 5.0 V2.4.1): each interactive page holds server memory, so a client gets a
/// limited number at once (a signed-in person their own count, a visitor per address) and the server a total; the
/// hub only takes connections from KIP's own pages.
/// </summary>
public sealed class CircuitLimitTests
{
    private sealed class Limits(KipLimitsOptions value) : IOptionsMonitor<KipLimitsOptions>
    {
        public KipLimitsOptions CurrentValue => value;

        public KipLimitsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<KipLimitsOptions, string?> listener) => null;
    }

    [Fact]
    public void V2_4_1_The_circuit_limiter_caps_each_client_and_the_total_and_frees_a_place_when_a_circuit_closes()
    {
        var limiter = new CircuitLimiter(new Limits(new KipLimitsOptions { CircuitsPerAddress = 2, CircuitsPerPerson = 3, CircuitsTotal = 6 }));
        const string visitor = "ip:203.0.113.7";
        const string sanne = "person:kip-demo:sanne";

        // The page check stops a visitor's third tab; the hub takes one more connection (a page already admitted
        // connecting again), never two.
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("v1", visitor));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("v2", visitor));
        Assert.Equal(CircuitRefusal.TooManyForClient, limiter.Check(visitor));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("v2-again", visitor));
        Assert.Equal(CircuitRefusal.TooManyForClient, limiter.TryOpen("v3", visitor));
        Assert.Equal(3, limiter.OpenFor(visitor));

        // A signed-in person counts on their own, with the person's cap, whatever address they share.
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("s1", sanne));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("s2", sanne));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("s3", sanne));
        Assert.Equal(3, limiter.OpenFor(sanne));

        // Six in all: the next client's page is refused because the server is full; the hub stops at seven.
        Assert.Equal(6, limiter.Total);
        Assert.Equal(CircuitRefusal.ServerFull, limiter.Check("ip:198.51.100.1"));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("o1", "ip:198.51.100.1"));
        Assert.Equal(CircuitRefusal.ServerFull, limiter.TryOpen("o2", "ip:198.51.100.2"));

        // A tab closed frees its place; closing twice or an unknown connection changes nothing.
        limiter.Close("v1");
        limiter.Close("v1");
        limiter.Close("never-opened");
        limiter.Close("o1");
        Assert.Equal(5, limiter.Total);
        Assert.Equal(CircuitRefusal.None, limiter.Check("ip:198.51.100.1"));
        Assert.Equal(CircuitRefusal.None, limiter.TryOpen("o1", "ip:198.51.100.1"));
        Assert.Equal(CircuitRefusal.ServerFull, limiter.Check("ip:198.51.100.2"));
    }

    [Fact]
    public async Task V4_4_2_The_hub_refuses_a_negotiate_or_WebSocket_from_another_sites_page()
    {
        await using var app = new KipAppFactory();
        using var client = app.CreateHttpClient();

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await client.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", app.BaseUrl);
        using var accepted = await client.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var error = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(app.BaseUrl.Replace("http:", "ws:", StringComparison.Ordinal) + "/_blazor?id=x"), CancellationToken.None));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V2_4_1_A_visitor_at_the_circuit_cap_gets_a_clear_Dutch_page_and_gets_in_again_after_closing_a_tab()
    {
        await using var app = new KipAppFactory(new Dictionary<string, string?> { ["Kip:Limits:CircuitsPerAddress"] = "2" });
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchAsync(playwright);
        var context = await BrowserFixture.NewContextAsync(browser, app.BaseUrl);

        // Two tabs, each interactive (a circuit each).
        var first = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(first, "/aanbod");
        var second = await context.NewPageAsync();
        await BrowserFixture.VisitAsync(second, "/sroi");

        // The third tab says what is wrong and what to do, in Dutch, instead of a page that would not work.
        BrowserProblems.ExpectAnswer(context, 503, "/erkenningscheck");
        var third = await context.NewPageAsync();
        var response = await third.GotoAsync("/erkenningscheck");
        Assert.Equal(503, response!.Status);
        await Assertions.Expect(third.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Te veel pagina's van KIP open");
        await Assertions.Expect(third.GetByText("Sluit een paar tabbladen of vensters met KIP")).ToBeVisibleAsync();
        await BrowserFixture.AssertAccessibleAsync(third);

        // A tab that already has its circuit still moves on by enhanced navigation: that starts no new circuit.
        using (var client = app.CreateHttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/erkenningscheck");
            request.Headers.TryAddWithoutValidation("Accept", "text/html; blazor-enhanced-nav=on");
            using var enhanced = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, enhanced.StatusCode);
            using var plain = await client.GetAsync(new Uri("/erkenningscheck", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode); // no text/html in Accept: not a browser's page load
        }

        // Closing a tab frees a place (once the server has seen its connection end): "Opnieuw proberen" opens the page.
        await first.CloseAsync();
        var limiter = app.Services.GetRequiredService<CircuitLimiter>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (limiter.Total >= 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(limiter.Total < 2, $"the closed tab's circuit is still counted: {limiter.Total} open");

        await third.GetByRole(AriaRole.Link, new() { Name = "Opnieuw proberen" }).ClickAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(third);
        await Assertions.Expect(third.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Te veel pagina's van KIP open");
        await context.CloseAsync();
    }
}
