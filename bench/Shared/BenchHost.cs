using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KIP.Bench.Shared;

/// <summary>What both benchmarks need around the app they start: a free port, /health, the repository, the machine.</summary>
public static class BenchHost
{
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
