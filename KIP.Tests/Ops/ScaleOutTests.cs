using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
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
                seen.Add(await InstanceAsync(fresh));
            }

            Assert.Equal(["kip-a", "kip-b"], seen.Order(StringComparer.Ordinal));
            using (var browserLike = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(shape.Address) })
            {
                var first = await InstanceAsync(browserLike);
                for (var i = 0; i < 5; i++)
                {
                    Assert.Equal(first, await InstanceAsync(browserLike));
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

    private static async Task<string> InstanceAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues(StorageSetup.InstanceHeader, out var values) ? values.Single() : "(none)";
    }

    /// <summary>One run of the script: its own free ports and scratch folder, the KIP.Web built beside these tests.</summary>
    private sealed class ScaleOut
    {
        public ScaleOut()
        {
            var ports = new HashSet<int>();
            while (ports.Count < 5)
            {
                ports.Add(KipAppFactory.FreePort());
            }

            (NginxPort, AppAPort, AppBPort, PostgresPort, RedisPort) = (ports.ElementAt(0), ports.ElementAt(1), ports.ElementAt(2), ports.ElementAt(3), ports.ElementAt(4));
            Folder = Path.Combine(Path.GetTempPath(), $"kip-scale-test-{Guid.NewGuid():N}");
        }

        public int NginxPort { get; }

        public int AppAPort { get; }

        public int AppBPort { get; }

        public int PostgresPort { get; }

        public int RedisPort { get; }

        public string Folder { get; }

        public string Address => $"http://127.0.0.1:{NginxPort}";

        private int[] Ports => [NginxPort, AppAPort, AppBPort, PostgresPort, RedisPort];

        public async Task<(int Exit, string Output)> RunAsync(string verb, TimeSpan timeout)
        {
            var root = AppProcess.SolutionRoot();
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            // The script's output goes to a file, not a pipe: the daemons it starts outlive it, and a pipe one of them
            // still held would keep the wait open after the script itself has ended.
            var log = Path.Combine(Path.GetTempPath(), $"kip-scale-test-{Guid.NewGuid():N}.log");
            var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = root };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec bash \"$0\" \"$1\" >\"$2\" 2>&1 </dev/null");
            start.ArgumentList.Add(Path.Combine(root, "ops", "scale-out.sh"));
            start.ArgumentList.Add(verb);
            start.ArgumentList.Add(log);
            start.Environment["KIP_SCALE_DIR"] = Folder;
            start.Environment["KIP_NGINX_PORT"] = NginxPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["KIP_APP_A_PORT"] = AppAPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["KIP_APP_B_PORT"] = AppBPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["KIP_PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["KIP_REDIS_PORT"] = RedisPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["KIP_DLL"] = Path.Combine(root, "KIP.Web", "bin", configuration, "net10.0", "KIP.Web.dll");
            foreach (var (key, value) in KipAppFactory.UnlimitedForTests)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            using var process = Process.Start(start)!;
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"ops/scale-out.sh {verb} did not finish within {timeout}:\n{await ReadAsync(log)}");
            }

            return (process.ExitCode, await ReadAsync(log));
        }

        private static async Task<string> ReadAsync(string log)
        {
            var text = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
            File.Delete(log);
            return text;
        }

        /// <summary>The run's ports something still listens on.</summary>
        public List<int> PortsInUse() => [.. Ports.Where(port =>
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        })];

        /// <summary>Processes of this run: their command line names its folder or one of its ports.</summary>
        public List<string> Processes()
        {
            var marks = new List<string> { Folder };
            marks.AddRange(Ports.Select(p => $"127.0.0.1:{p.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            var found = new List<string>();
            foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => Regex.IsMatch(Path.GetFileName(d), "^[0-9]+$")))
            {
                try
                {
                    var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                    if (marks.Any(mark => commandLine.Contains(mark, StringComparison.Ordinal)))
                    {
                        found.Add($"{Path.GetFileName(directory)}: {commandLine}");
                    }
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }

            return found;
        }
    }
}
