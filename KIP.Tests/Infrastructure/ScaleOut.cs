using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KIP.Web.Data;

namespace KIP.Tests.Infrastructure;

/// <summary>One run of <c>ops/scale-out.sh</c>: its own free ports and scratch folder, the KIP.Web built beside these tests.</summary>
public sealed class ScaleOut
{
    /// <summary>The cookie nginx hashes on to keep a browser on one instance (ops/scale-out.sh).</summary>
    public const string AffinityCookie = "kip_affinity";

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

    /// <summary>The instance (<c>kip-a</c> or <c>kip-b</c>) that answered <paramref name="client"/> through nginx.</summary>
    public static async Task<string> InstanceAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues(StorageSetup.InstanceHeader, out var values) ? values.Single() : "(none)";
    }

    /// <summary>
    /// An affinity cookie value nginx hashes to <paramref name="instance"/>: fresh clients until one lands there (nginx
    /// hands each new visitor a random one; half land on each instance).
    /// </summary>
    public async Task<string> AffinityForAsync(string instance)
    {
        for (var i = 0; i < 60; i++)
        {
            var cookies = new CookieContainer();
            using var fresh = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(Address) };
            if (await InstanceAsync(fresh) == instance)
            {
                return cookies.GetCookies(new Uri(Address))[AffinityCookie]!.Value;
            }
        }

        throw new InvalidOperationException($"nginx sent no new visitor to {instance} in 60 tries");
    }

    /// <summary>Kills an instance the hard way (SIGKILL, as a crash or a pulled plug): no orderly stop, circuits gone.</summary>
    public void Kill(string instance)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(Folder, $"{instance}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit(30_000);
    }

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
