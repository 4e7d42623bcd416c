using System.Net;
using System.Net.Http.Json;
using KIP.Tests.Identity;
using KIP.Tests.Infrastructure;
using KIP.Web.Components.Pages.Account;
using KIP.Web.Components.Pages.Bench;
using KIP.Web.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Bench;

/// <summary>The live-update benchmark's baseline page and bump endpoint are refused unless <c>Kip:Bench:Enabled</c> is true.</summary>
[Collection(SignedInCollection.Name)]
public sealed class BenchDisabledTests(SignedInApp app)
{
    [Fact]
    public async Task The_teller_page_is_refused_to_anonymous_visitors_and_every_role_when_the_flag_is_off()
    {
        using (var anonymous = await app.Anonymous.GetAsync(Teller.Url))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains(AccessSetup.LoginPath, anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        foreach (var account in SignedInApp.Accounts)
        {
            using var response = await app.SessionOf(account).GetAsync(Teller.Url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(AccessDenied.Url, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_bump_endpoint_is_refused_and_bumps_nothing_when_the_flag_is_off()
    {
        var counter = app.App.Services.GetRequiredService<BenchCounter>();
        using var client = app.App.CreateHttpClient();
        using (var anonymous = await client.PostAsync(new Uri(Teller.BumpUrl, UriKind.Relative), content: null))
        {
            // Sent to sign in (the answer is 400 with the challenge's Location: a POST carries no antiforgery token).
            Assert.False(anonymous.IsSuccessStatusCode);
            Assert.Contains(AccessSetup.LoginPath, anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var (signedIn, _) = await app.SessionOf(SignedInApp.Ahmed).FollowAsync(new HttpRequestMessage(HttpMethod.Post, Teller.BumpUrl));
        using (signedIn)
        {
            // Denied, the same way (the access-denied page as Location; 400 for the missing antiforgery token).
            Assert.False(signedIn.IsSuccessStatusCode);
            Assert.Contains(AccessDenied.Url, signedIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task The_memory_reading_is_refused_when_the_flag_is_off()
    {
        using var client = app.App.CreateHttpClient();
        using var anonymous = await client.PostAsync(new Uri(BenchSetup.MemoryUrl + "?opruimen=true", UriKind.Relative), content: null);
        Assert.False(anonymous.IsSuccessStatusCode);
        Assert.Contains(AccessSetup.LoginPath, anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>With <c>Kip:Bench:Enabled=true</c> anyone may watch the teller and bump it; it shows nothing private.</summary>
public sealed class BenchEnabledTests : IAsyncLifetime
{
    private readonly KipAppFactory _app = new(new Dictionary<string, string?> { ["Kip:Bench:Enabled"] = "true" });

    public Task InitializeAsync()
    {
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_anonymous_visitor_sees_the_teller_and_a_bump_answers_its_count_and_server_time()
    {
        using var client = _app.CreateHttpClient();
        using (var page = await client.GetAsync(new Uri(Teller.Url, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Stand: 0", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var before = DateTimeOffset.UtcNow;
        using var bump = await client.PostAsync(new Uri(Teller.BumpUrl, UriKind.Relative), content: null);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, bump.StatusCode);
        var answer = await bump.Content.ReadFromJsonAsync<BenchBump>();
        Assert.Equal(1, answer!.Count);
        Assert.InRange(answer.At, before, after);
        using var again = await client.GetAsync(new Uri(Teller.Url, UriKind.Relative));
        Assert.Contains("Stand: 1", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_reading_answers_the_open_circuits_and_what_the_process_holds_before_and_after_a_collection()
    {
        using var client = _app.CreateHttpClient();
        using var held = await client.PostAsync(new Uri(BenchSetup.MemoryUrl, UriKind.Relative), content: null);
        using var collected = await client.PostAsync(new Uri(BenchSetup.MemoryUrl + "?opruimen=true", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var before = (await held.Content.ReadFromJsonAsync<BenchMemory>())!;
        var after = (await collected.Content.ReadFromJsonAsync<BenchMemory>())!;
        Assert.False(before.Collected);
        Assert.True(after.Collected);
        Assert.Equal(0, after.Circuits);
        Assert.InRange(after.ManagedHeapBytes, 1, after.WorkingSetBytes);
    }
}
