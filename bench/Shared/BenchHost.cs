using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KIP.Bench.Shared;

/// <summary>What the benchmarks need around the app they start: a free port, /health, the repository, the machine.</summary>
public static class BenchHost
{
    /// <summary>
    /// Starts the built <c>KIP.Web.dll</c> (the benchmark's own configuration) on <paramref name="baseUrl"/> with demo data and the
    /// bench pages on; its console output goes to <c>app.log</c> in <paramref name="dataFolder"/>.
    /// </summary>
    public static Process StartApp(string root, string dataFolder, string baseUrl)
    {
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var bin = Path.Combine(root, "KIP.Web", "bin", Configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(bin, "KIP.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["Kip__DataFolder"] = dataFolder;

        // The benchmark is one client on loopback doing what many people do: KIP's rate limits and circuit caps raised.
        start.Environment["Kip__Limits__Api__PermitLimit"] = "100000000";
        start.Environment["Kip__Limits__SignIn__PermitLimit"] = "100000000";
        start.Environment["Kip__Limits__CircuitsPerPerson"] = "100000";
        start.Environment["Kip__Limits__CircuitsPerAddress"] = "100000";
        start.Environment["Kip__Limits__CircuitsTotal"] = "100000";
        start.Environment["Kip__PublicUrl"] = baseUrl;
        start.Environment["Kip__DemoData"] = "true";
        start.Environment["Kip__Bench__Enabled"] = "true";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start KIP.Web");
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(dataFolder, "app.log"), append: false) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task WaitForHealthAsync(HttpClient http, Process app, CancellationToken token)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException($"KIP.Web exited with {app.ExitCode}; see app.log in the data folder");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, token);
        }

        throw new TimeoutException("KIP.Web did not answer /health within 2 minutes");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "KIP.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("KIP.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Cpu() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    public static string MemoryTotal() =>
        File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown memory"
            : "unknown memory";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static double Percentile(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
