using System.Net;
using System.Net.Sockets;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Playwright;

namespace KIP.Tests.Ops;

/// <summary>
/// <c>ops/scale-out.sh</c>, the way an operator uses it: <c>up</c> starts PostgreSQL, Redis, two KIP instances and nginx
/// (here on free ports and a scratch folder of its own), a person signs in through nginx and works on an interactive page
/// (its circuit a WebSocket through nginx), <c>down</c> leaves no process and no port behind, and <c>up</c> over a port
/// in use refuses and names the port. Needs Debian's <c>postgresql</c>, <c>redis-server</c> and <c>nginx</c> (test.sh
/// installs them) and the built KIP.Web of this configuration.
/// </summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task Up_serves_KIP_from_two_instances_behind_nginx_where_a_member_signs_in_and_works_and_down_leaves_nothing_behind()
    {
        var shape = new ScaleOut();
        try
        {
            var (upExit, upOutput) = await shape.RunAsync("up", TimeSpan.FromMinutes(6));
            Assert.True(upExit == 0, "up failed:\n" + upOutput);
            Assert.Contains(shape.Address, upOutput, StringComparison.Ordinal);
            Assert.Contains("Marieke Jansen", upOutput, StringComparison.Ordinal);

            // Both instances answer through nginx's one address; one browser (one affinity cookie) stays on one of them.
            var seen = new HashSet<string>();
            for (var i = 0; i < 40 && seen.Count < 2; i++)
            {
                using var fresh = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(shape.Address) };
                seen.Add(await ScaleOut.InstanceAsync(fresh));
            }

            Assert.Equal(["kip-a", "kip-b"], seen.Order(StringComparer.Ordinal));
            using (var browserLike = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(shape.Address) })
            {
                var first = await ScaleOut.InstanceAsync(browserLike);
                for (var i = 0; i < 5; i++)
                {
                    Assert.Equal(first, await ScaleOut.InstanceAsync(browserLike));
                }
            }

            // A commission member signs in through nginx (the embedded provider's issuer is nginx's address) and works.
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await BrowserFixture.LaunchAsync(playwright);
            var page = await BrowserSignIn.AsAsync(browser, shape.Address, DemoPersons.Chair, "/commissie", timeout: 30_000);
            var circuits = new List<IWebSocket>();
            page.WebSocket += (_, socket) => circuits.Add(socket);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Commissie Sociaal Inkopen");
            await BrowserFixture.AssertAccessibleAsync(page);

            // The menu button is answered by the circuit: its state flips on each click.
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu openen of sluiten" });
            var before = await menu.GetAttributeAsync("aria-expanded");
            await menu.ClickAsync();
            await Assertions.Expect(menu).Not.ToHaveAttributeAsync("aria-expanded", before!);
            await menu.ClickAsync();
            await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", before!);

            // Reloaded, the page opens again signed in and interactive, its circuit a WebSocket through nginx.
            await page.ReloadAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await Assertions.Expect(page.Locator("form.kip-signout")).ToHaveCountAsync(1);
            await Assertions.Expect(page).ToHaveURLAsync(shape.Address + "/commissie");
            Assert.Contains(circuits, socket => socket.Url.StartsWith(shape.Address.Replace("http://", "ws://", StringComparison.Ordinal) + "/_blazor", StringComparison.Ordinal) && !socket.IsClosed);
            await menu.ClickAsync();
            await Assertions.Expect(menu).Not.ToHaveAttributeAsync("aria-expanded", before!);
            BrowserProblems.AssertNone(page);
            await page.Context.CloseAsync();
        }
        finally
        {
            var (downExit, downOutput) = await shape.RunAsync("down", TimeSpan.FromMinutes(2));
            Assert.True(downExit == 0, "down failed:\n" + downOutput);
        }

        Assert.False(Directory.Exists(shape.Folder), "down removes its scratch folder");
        Assert.Empty(shape.PortsInUse());
        Assert.Empty(shape.Processes());
    }

    [Fact]
    public async Task Up_over_a_port_in_use_refuses_naming_the_port_and_starts_nothing()
    {
        var shape = new ScaleOut();
        using var occupant = new TcpListener(IPAddress.Loopback, shape.AppBPort);
        occupant.Start();
        try
        {
            var (exit, output) = await shape.RunAsync("up", TimeSpan.FromMinutes(1));

            Assert.NotEqual(0, exit);
            Assert.Contains($"poort {shape.AppBPort} (voor KIP instance kip-b) is al in gebruik", output, StringComparison.Ordinal);
            Assert.Contains("KIP_APP_B_PORT", output, StringComparison.Ordinal);
            Assert.Empty(shape.Processes());
            Assert.Equal([shape.AppBPort], shape.PortsInUse());
        }
        finally
        {
            occupant.Stop();
            await shape.RunAsync("down", TimeSpan.FromMinutes(1));
        }
    }
}
