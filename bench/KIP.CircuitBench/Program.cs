using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using KIP.CircuitBench;
using KIP.Web.Components.Pages.Bench;
using static KIP.Bench.Shared.BenchHost;

// KIP circuit capacity benchmark. Not a test: it prints figures; see bench/README.md.
var options = CircuitOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var output = Console.Out;
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
var token = stop.Token;
var root = RepositoryRoot();

output.WriteLine("KIP circuit capacity benchmark");
output.WriteLine(string.Create(invariant, $"started      {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
output.WriteLine($"command      dotnet run -c Release --project bench/KIP.CircuitBench -- {string.Join(' ', args)}");
output.WriteLine($"machine      {Environment.ProcessorCount} logical cores, {Cpu()}, {MemoryTotal()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
output.WriteLine($"load average {LoadAverage()} (1, 5, 15 min) at start");
output.WriteLine(string.Create(invariant, $"options      circuits={options.Circuits} warmup={options.Warmup} parallel={options.Parallel} bumps={options.Bumps} pages={string.Join(',', options.Pages)}"));
output.WriteLine("client       a Blazor circuit client of its own (SignalR over WebSockets, blazorpack; no browser): prerendered page, StartCircuit, UpdateRootComponents, every render batch acknowledged");
output.WriteLine();

foreach (var page in options.Pages)
{
    var dataFolder = Path.Combine(root, "bench", ".data", $"circuits-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{page.Trim('/').Replace('/', '-')}");
    Directory.CreateDirectory(dataFolder);
    var baseUrl = $"http://127.0.0.1:{FreePort()}";
    using var app = StartApp(root, dataFolder, baseUrl);
    var circuits = new ConcurrentBag<BlazorCircuit>();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
    try
    {
        await WaitForHealthAsync(http, app, token);
        output.WriteLine($"page {page}: KIP.Web (Release, Development environment, demo data, bench on) on {baseUrl}, pid {app.Id}");

        await OpenAsync(options.Warmup);
        var before = await MemoryAsync(collect: true);
        var opening = Stopwatch.StartNew();
        await OpenAsync(options.Circuits);
        opening.Stop();
        await Task.Delay(TimeSpan.FromSeconds(5), token);
        var held = await MemoryAsync(collect: false);
        var collected = await MemoryAsync(collect: true);
        var added = collected.Circuits - before.Circuits;
        output.WriteLine(string.Create(invariant, $"  opened     {options.Circuits} circuits in {opening.Elapsed.TotalSeconds:F1} s ({options.Circuits / opening.Elapsed.TotalSeconds:F0}/s); the server counts {collected.Circuits} open ({before.Circuits} after the warm-up)"));
        output.WriteLine(string.Create(invariant, $"  first render batch per circuit: {circuits.Average(c => c.RenderedBytes) / 1024:F1} KB on average ({circuits.Sum(c => c.Batches)} batches)"));
        Report("working set", before.WorkingSetBytes, held.WorkingSetBytes, collected.WorkingSetBytes, added);
        Report("managed heap", before.ManagedHeapBytes, held.ManagedHeapBytes, collected.ManagedHeapBytes, added);
        Report("GC committed", before.GcCommittedBytes, held.GcCommittedBytes, collected.GcCommittedBytes, added);

        if (page == Teller.Url && options.Bumps > 0)
        {
            await PacedBumpsAsync();
        }
    }
    finally
    {
        await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync(CancellationToken.None);
    }

    output.WriteLine();

    async Task OpenAsync(int count)
    {
        var failures = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = token }, async (_, t) =>
        {
            try
            {
                circuits.Add(await BlazorCircuit.OpenAsync(http, new Uri(baseUrl + "/"), page, t));
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException or InvalidOperationException)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                {
                    output.WriteLine($"  a circuit did not open: {e.GetType().Name}: {e.Message}");
                }
            }
        });
        if (failures > 0)
        {
            output.WriteLine(string.Create(invariant, $"  {failures} of {count} circuits did not open; the figures below divide by the circuits the server counts"));
        }
    }

    async Task<BenchMemory> MemoryAsync(bool collect)
    {
        using var response = await http.PostAsync(new Uri(BenchSetup.MemoryUrl + (collect ? "?opruimen=true" : string.Empty), UriKind.Relative), content: null, token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BenchMemory>(token))!;
    }

    async Task PacedBumpsAsync()
    {
        // One bump a second; every held circuit re-renders; the time from the bump's answer to each circuit's batch.
        var latencies = new List<double>();
        for (var i = 0; i < options.Bumps; i++)
        {
            var arrivals = circuits.Select(c => c.NextRenderAsync()).ToList();
            var sent = Stopwatch.GetTimestamp();
            using (var bump = await http.PostAsync(new Uri(Teller.BumpUrl, UriKind.Relative), content: null, token))
            {
                bump.EnsureSuccessStatusCode();
            }

            var arrived = await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromMinutes(1), token);
            latencies.AddRange(arrived.Select(at => Stopwatch.GetElapsedTime(sent, (long)at).TotalMilliseconds));
            await Task.Delay(TimeSpan.FromSeconds(1), token);
        }

        output.WriteLine(string.Create(invariant, $"  bump -> render batch at every circuit ({options.Bumps} paced bumps x {circuits.Count} circuits): p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, max {latencies.Max():F1} ms"));
    }
}

output.WriteLine(string.Create(invariant, $"finished     {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, load average {LoadAverage()}"));

void Report(string what, long before, long held, long collected, int added)
{
    output.WriteLine(string.Create(invariant,
        $"  {what,-12} before {before / 1048576.0,8:F1} MB, held {held / 1048576.0,8:F1} MB, after a forced collection {collected / 1048576.0,8:F1} MB: per circuit {(held - before) / 1024.0 / added,7:F1} KB held, {(collected - before) / 1024.0 / added,7:F1} KB after collection"));
}

internal sealed record CircuitOptions(int Circuits, int Warmup, int Parallel, int Bumps, double MaxMinutes, IReadOnlyList<string> Pages)
{
    public static CircuitOptions Parse(string[] args)
    {
        var options = new CircuitOptions(1000, 20, 16, 10, 30, [Teller.Url, "/aanbod"]);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--circuits" => options with { Circuits = Positive(value, 20000) },
                "--warmup" => options with { Warmup = Positive(value, 1000) },
                "--parallel" => options with { Parallel = Positive(value, 256) },
                "--bumps" => options with { Bumps = Positive(value, 1000) },
                "--max-minutes" => options with { MaxMinutes = Positive(value, 120) },
                "--pages" => options with { Pages = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --circuits N --warmup N --parallel N --bumps N --max-minutes N --pages /a,/b"),
            };
        }

        return args.Length % 2 == 0 ? options : throw new ArgumentException($"Option {args[^1]} needs a value.");
    }

    private static int Positive(string value, int maximum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= maximum
            ? n
            : throw new ArgumentException($"{value} is not a number from 1 to {maximum}");
}
