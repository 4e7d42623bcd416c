using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using KIP.Web.Components.Pages.Bench;
using KIP.Web.Components.Pages.Commission.Session;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static KIP.Bench.Shared.BenchHost;

// KIP live-update benchmark. Not a test: it prints figures; see bench/README.md.
var options = LiveOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var output = Console.Out;
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
var token = stop.Token;
var clock = Stopwatch.StartNew();

var root = RepositoryRoot();
var dataFolder = Path.GetFullPath(options.DataFolder ?? Path.Combine(root, "bench", ".data", $"live-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}"));
if (Directory.Exists(dataFolder) && Directory.EnumerateFileSystemEntries(dataFolder).Any())
{
    throw new InvalidOperationException($"{dataFolder} is not empty: the benchmark starts from fresh demo data.");
}

Directory.CreateDirectory(dataFolder);
var stamper = await ReadStamperAsync();

output.WriteLine("KIP live-update benchmark");
output.WriteLine(string.Create(invariant, $"started      {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));
output.WriteLine($"command      dotnet run -c Release --project bench/KIP.LiveBench -- {string.Join(' ', args)}");
output.WriteLine($"machine      {Environment.ProcessorCount} logical cores, {Cpu()}, {MemoryTotal()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
output.WriteLine($"load average {LoadAverage()} (1, 5, 15 min) at start");
output.WriteLine(string.Create(invariant, $"options      watchers={options.Watchers} motions={options.Motions} bumps={options.Bumps} max-minutes={options.MaxMinutes}"));
output.WriteLine($"data         {dataFolder} (fresh demo data)");

var port = int.TryParse(Environment.GetEnvironmentVariable("KIP_BENCH_PORT"), out var fixedPort) ? fixedPort : FreePort();
var baseUrl = $"http://127.0.0.1:{port}";
using var app = StartApp(root, dataFolder, baseUrl);
IPlaywright? playwright = null;
IBrowser? browser = null;
try
{
    using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    await WaitForHealthAsync(http, app, token);
    output.WriteLine($"app          KIP.Web (Release, ASPNETCORE_ENVIRONMENT=Development, demo data, Kip__Bench__Enabled=true, logging as shipped) on {baseUrl}, pid {app.Id}");

    var connectionString = $"Data Source={Path.Combine(dataFolder, "kip.db")}";
    Guid meetingId;
    await using (var db = NewContext(connectionString))
    {
        meetingId = (await db.Meetings.AsNoTracking().SingleAsync(m => m.Status == MeetingStatus.Planned, token)).Id;
    }

    playwright = await Playwright.CreateAsync();
    browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    });
    output.WriteLine($"browser      Chromium {browser.Version} (/usr/bin/chromium, headless), Playwright {typeof(IPlaywright).Assembly.GetName().Version}");

    // 1. The five seat holders sign in through the embedded OpenID Connect provider, one browser context each.
    var sessionUrl = SessionPage.UrlFor(meetingId);
    Guid[] seatHolders = [DemoPersons.Chair, DemoPersons.BusinessMember, DemoPersons.SroiIJmondMember, DemoPersons.SroiZuidKennemerlandMember, DemoPersons.WerkInkomenMember];
    var contexts = new List<IBrowserContext>();
    var voters = new List<IPage>();
    var setup = Stopwatch.StartNew();
    foreach (var person in seatHolders)
    {
        token.ThrowIfCancellationRequested();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "nl-NL" });
        context.SetDefaultTimeout(30_000);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => Frames.Voters.Add(frame);
        await page.GotoAsync(sessionUrl);
        await page.GetByTestId($"demo-{person}").ClickAsync();
        await page.WaitForURLAsync(baseUrl + sessionUrl);
        await WaitUntilInteractiveAsync(page);
        voters.Add(page);
    }

    output.WriteLine(string.Create(invariant, $"signed in    the 5 seat holders (chair first) through the embedded OIDC demo accounts in {setup.Elapsed.TotalSeconds:F1} s"));

    // 2. The watching pages: more pages of the same five members, round robin; each page is its own circuit.
    setup.Restart();
    var watchers = await OpenPagesAsync(contexts, options.Watchers, sessionUrl, "[data-testid=session-status]", "[data-testid=vote-count]", stamper, token);
    output.WriteLine(string.Create(invariant, $"opened       {watchers.Count} watching session pages ({options.Watchers / contexts.Count}–{(options.Watchers + contexts.Count - 1) / contexts.Count} per member) in {setup.Elapsed.TotalSeconds:F1} s"));

    // 3. The chair opens the session; each motion is a motion to reject that everyone votes down, so the item stays
    //    on the floor for the next motion (rulebook §6). Votes one at a time: the next after every page saw the last.
    var chair = voters[0];
    await chair.GetByTestId("open-session").ClickAsync();

    // The demo meeting is planned two weeks ahead: opened today, the chair confirms moving it (decision 010).
    try
    {
        await chair.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Openen en verplaatsen" }).ClickAsync(new() { Timeout = 15_000 });
    }
    catch (TimeoutException)
    {
        output.WriteLine("open         no move-to-today dialog: the meeting is planned today");
    }

    await chair.GetByTestId("open-vote").WaitForAsync();
    var voteClicks = new List<DateTimeOffset>();
    var clickReturned = new List<double>();
    var voteStamps = new List<List<Stamp>>(); // per motion: every stamp of every watching page
    var phase = Stopwatch.StartNew();
    for (var motion = 0; motion < options.Motions && !token.IsCancellationRequested; motion++)
    {
        await chair.Locator("[data-testid=motion-reject] input, input[data-testid=motion-reject]").First.CheckAsync();
        await chair.GetByTestId("open-vote").ClickAsync();
        await AllSeeAsync(watchers, FirstNumberIs(0), token);
        foreach (var voter in voters)
        {
            await voter.GetByTestId("vote-Against").WaitForAsync();
        }

        Frames.Recording = true;
        for (var k = 1; k <= voters.Count; k++)
        {
            voteClicks.Add(DateTimeOffset.UtcNow);
            await voters[k - 1].GetByTestId("vote-Against").ClickAsync(new LocatorClickOptions { Force = true });
            clickReturned.Add((DateTimeOffset.UtcNow - voteClicks[^1]).TotalMilliseconds);
            await AllSeeAsync(watchers, FirstNumberIs(k), token);
        }

        Frames.Recording = false;
        voteStamps.Add(await TakeStampsAsync(watchers));
        await chair.GetByLabel("Motivering van het besluit").FillAsync($"Benchmark, motie {motion + 1}: verworpen, het punt blijft open.");
        await chair.GetByTestId("close-vote").ClickAsync();
        await AllSeeAsync(watchers, "<gone>", token);
    }

    var votePhaseSeconds = phase.Elapsed.TotalSeconds;

    // The stored time of each vote: the VoteRecord's CastAt (TimeProvider.System, taken in the vote's transaction
    // just before SaveChanges), read back from the database.
    var motionsStored = new List<List<DateTimeOffset>>();
    await using (var db = NewContext(connectionString))
    {
        var entries = await db.Meetings.AsNoTracking().Where(m => m.Id == meetingId).SelectMany(m => m.Agenda.Select(a => a.Id)).ToListAsync(token);
        var motions = (await db.Motions.AsNoTracking().Where(m => entries.Contains(m.AgendaEntryId)).ToListAsync(token)).OrderBy(m => m.OpenedAt).ToList();
        var motionIds = motions.Select(m => m.Id).ToList();
        var votes = await db.Votes.AsNoTracking().Where(v => motionIds.Contains(v.MotionId)).ToListAsync(token);
        motionsStored.AddRange(motions.Select(m => votes.Where(v => v.MotionId == m.Id).Select(v => v.CastAt).Order().ToList()));
    }

    var voteSamples = new List<Sample>();
    var clickToStored = new List<double>();
    for (var motion = 0; motion < voteStamps.Count; motion++)
    {
        var stored = motionsStored[motion];
        if (stored.Count != voters.Count)
        {
            throw new InvalidOperationException($"motion {motion + 1}: {stored.Count} votes stored, {voters.Count} cast");
        }

        for (var k = 1; k <= stored.Count; k++)
        {
            clickToStored.Add((stored[k - 1] - voteClicks[(motion * voters.Count) + k - 1]).TotalMilliseconds);
            voteSamples.AddRange(Latencies(voteStamps[motion], motion, k, UnixMs(stored[k - 1]), watchers.Count));
        }
    }

    output.WriteLine(string.Create(invariant, $"votes        {voteStamps.Count} motions x {voters.Count} votes, each seen by {watchers.Count} watching pages, in {votePhaseSeconds:F1} s{(voteStamps.Count < options.Motions ? " (stopped by --max-minutes)" : string.Empty)}"));

    foreach (var page in watchers.Concat(voters))
    {
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false });
    }

    // 4. The baseline: as many pages on /bench/teller, the singleton counter bumped by POST, one bump at a time.
    setup.Restart();
    var tellers = await OpenPagesAsync(contexts, options.Watchers, Teller.Url, "[data-testid=bench-count]", "[data-testid=bench-count]", stamper, token);
    output.WriteLine(string.Create(invariant, $"opened       {tellers.Count} watching /bench/teller pages in {setup.Elapsed.TotalSeconds:F1} s"));
    var bumps = new List<BenchBump>();
    var postToBump = new List<double>();
    var voteFrames = Frames.TakeWatchers();
    var voterFrames = Frames.TakeVoters();
    phase.Restart();
    Frames.Recording = true;
    for (var b = 0; b < options.Bumps && !token.IsCancellationRequested; b++)
    {
        var sent = DateTimeOffset.UtcNow;
        using var response = await http.PostAsync(new Uri(Teller.BumpUrl, UriKind.Relative), content: null, token);
        response.EnsureSuccessStatusCode();
        var bump = await response.Content.ReadFromJsonAsync<BenchBump>(token) ?? throw new InvalidOperationException("empty bump");
        postToBump.Add((bump.At - sent).TotalMilliseconds);
        bumps.Add(bump);
        await AllSeeAsync(tellers, FirstNumberIs(bump.Count), token);
    }

    Frames.Recording = false;
    var bumpFrames = Frames.TakeWatchers();
    var tellerStamps = await TakeStampsAsync(tellers);
    var tellerSamples = bumps.SelectMany((bump, i) => Latencies(tellerStamps, i, (int)bump.Count, UnixMs(bump.At), tellers.Count)).ToList();
    output.WriteLine(string.Create(invariant, $"bumps        {bumps.Count} bumps, each seen by {tellers.Count} watching pages, in {phase.Elapsed.TotalSeconds:F1} s{(bumps.Count < options.Bumps ? " (stopped by --max-minutes)" : string.Empty)}"));

    var skews = new List<double>();
    foreach (var page in tellers)
    {
        skews.Add(await page.EvaluateAsync<double>("() => window.__kipBench.clockSkew()"));
    }

    output.WriteLine($"load average {LoadAverage()} (1, 5, 15 min) at end");
    output.WriteLine();
    output.WriteLine("Latency in ms = the page's stamp (performance.timeOrigin + performance.now() in a MutationObserver callback)");
    output.WriteLine("minus the stored time: a vote's VoteRecord.CastAt from the database, or the bump's server time. One sample");
    output.WriteLine("per event per watching page; 'last page' = per event, the latest of all watching pages.");
    output.WriteLine();
    output.WriteLine(string.Create(invariant, $"{"",-34} {"n",6} {"p50",8} {"p95",8} {"max",8} {"min",8} | {"last page p50",13} {"p95",8} {"max",8}"));
    output.WriteLine(Row(string.Create(invariant, $"vote -> session page ({watchers.Count}+{voters.Count})"), voteSamples));
    output.WriteLine(Row(string.Create(invariant, $"bump -> /bench/teller ({tellers.Count})"), tellerSamples));
    output.WriteLine(new string('-', 118));
    for (var k = 1; k <= voters.Count; k++)
    {
        output.WriteLine(Row(string.Create(invariant, $"  vote {k} of each motion"), [.. voteSamples.Where(s => s.Position == k)]));
    }

    output.WriteLine();
    output.WriteLine("The n-th watching page to see an event (pages ranked per event by latency), p50 over events, in ms:");
    int[] ranks = [1, (watchers.Count + 9) / 10, (watchers.Count + 3) / 4, (watchers.Count + 1) / 2, (watchers.Count * 3 + 3) / 4, watchers.Count];
    ranks = [.. ranks.Distinct()];
    output.WriteLine(string.Create(invariant, $"{"rank",-34} {string.Join(' ', ranks.Select(r => $"{r,8}"))}"));
    output.WriteLine(Ranks("votes", voteSamples, ranks));
    output.WriteLine(Ranks("bumps (baseline)", tellerSamples, ranks));
    output.WriteLine();
    output.WriteLine(string.Create(invariant, $"vote click (bench clock) -> CastAt: p50 {Percentile(clickToStored, 50):F1} ms, p95 {Percentile(clickToStored, 95):F1} ms (Playwright click without actionability checks, SignalR, the service loading and rebuilding the session)"));
    output.WriteLine(string.Create(invariant, $"vote click sent -> click returned:  p50 {Percentile(clickReturned, 50):F1} ms, p95 {Percentile(clickReturned, 95):F1} ms (the click dispatched; Force = true)"));
    output.WriteLine(Frames.Row("frames to watching pages per vote", voteFrames, voteStamps.Count * voters.Count * watchers.Count));
    output.WriteLine(Frames.Row("frames to the voting pages per vote", voterFrames, voteStamps.Count * voters.Count * voters.Count));
    output.WriteLine(Frames.Row("frames to watching pages per bump", bumpFrames, bumps.Count * tellers.Count));
    output.WriteLine(string.Create(invariant, $"bump POST sent -> bump time:        p50 {Percentile(postToBump, 50):F1} ms, p95 {Percentile(postToBump, 95):F1} ms"));
    output.WriteLine(string.Create(invariant, $"clock check  Date.now() - (timeOrigin + now()) over the teller pages at the end: {skews.Min():F2} to {skews.Max():F2} ms"));
    var negative = voteSamples.Concat(tellerSamples).Count(s => s.LatencyMs < 0);
    output.WriteLine(string.Create(invariant, $"sanity       {negative} negative latencies; every event seen by every page (the benchmark waits for it)"));
}
finally
{
    if (browser is not null)
    {
        await browser.CloseAsync();
    }

    playwright?.Dispose();
    if (!app.HasExited)
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync(CancellationToken.None);
    }
}

output.WriteLine(string.Create(invariant, $"finished     {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, {clock.Elapsed.TotalSeconds:F0} s in all"));
return 0;

// A watching page per slot, spread round robin over the signed-in contexts, opened five at a time, with the stamper.
static async Task<List<IPage>> OpenPagesAsync(List<IBrowserContext> contexts, int count, string url, string ready, string selector, string stamper, CancellationToken token)
{
    var pages = new IPage[count];
    for (var start = 0; start < count; start += contexts.Count)
    {
        token.ThrowIfCancellationRequested();
        await Task.WhenAll(Enumerable.Range(start, Math.Min(contexts.Count, count - start)).Select(async i =>
        {
            var page = await contexts[i % contexts.Count].NewPageAsync();
            page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => Frames.Watchers.Add(frame);
            await page.GotoAsync(url);
            await WaitUntilInteractiveAsync(page);
            await page.Locator(ready).WaitForAsync();
            await page.EvaluateAsync(stamper, selector);
            pages[i] = page;
        }));
    }

    return [.. pages];
}

static Task WaitUntilInteractiveAsync(IPage page) =>
    page.Locator("#kip-interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

// Resolves when every page's watched text matches: a promise in the page, no polling.
static async Task AllSeeAsync(List<IPage> pages, string pattern, CancellationToken token) =>
    await Task.WhenAll(pages.Select(p => p.EvaluateAsync<bool>("pattern => window.__kipBench.waitFor(pattern)", pattern)))
        .WaitAsync(TimeSpan.FromSeconds(60), token);

static string FirstNumberIs(long n) => string.Create(CultureInfo.InvariantCulture, $"^\\D*{n}(\\D|$)");

static async Task<List<Stamp>> TakeStampsAsync(List<IPage> pages)
{
    var stamps = new List<Stamp>();
    for (var i = 0; i < pages.Count; i++)
    {
        var taken = await pages[i].EvaluateAsync<JsonElement>("() => window.__kipBench.take()");
        foreach (var stamp in taken.EnumerateArray())
        {
            var text = stamp[1].ValueKind == JsonValueKind.Null ? null : stamp[1].GetString();
            stamps.Add(new Stamp(i, stamp[0].GetDouble(), FirstNumber(text)));
        }
    }

    return stamps;
}

// Per page, the first stamp showing count k of this event, minus the stored time.
static IEnumerable<Sample> Latencies(List<Stamp> stamps, int eventIndex, int k, double storedMs, int pages)
{
    for (var page = 0; page < pages; page++)
    {
        var seen = stamps.FirstOrDefault(s => s.Page == page && s.Number == k)
            ?? throw new InvalidOperationException($"page {page} has no stamp for count {k} of event {eventIndex + 1}");
        yield return new Sample(eventIndex, k, page, seen.AtMs - storedMs);
    }
}

static int? FirstNumber(string? text)
{
    var match = text is null ? null : Regex.Match(text, @"\d+", RegexOptions.None, TimeSpan.FromSeconds(1));
    return match is { Success: true } ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;
}

static double UnixMs(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).TotalMilliseconds;

static string Row(string name, IReadOnlyList<Sample> samples)
{
    if (samples.Count == 0)
    {
        return name;
    }

    var latencies = samples.Select(s => s.LatencyMs).ToList();
    var last = samples.GroupBy(s => (s.Event, s.Position)).Select(g => g.Max(s => s.LatencyMs)).ToList();
    return string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} {latencies.Count,6} {Percentile(latencies, 50),8:F1} {Percentile(latencies, 95),8:F1} {latencies.Max(),8:F1} {latencies.Min(),8:F1} | {Percentile(last, 50),13:F1} {Percentile(last, 95),8:F1} {last.Max(),8:F1}");
}

static string Ranks(string name, IReadOnlyList<Sample> samples, int[] ranks)
{
    var events = samples.GroupBy(s => (s.Event, s.Position)).Select(g => g.Select(s => s.LatencyMs).Order().ToArray()).ToList();
    return string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} {string.Join(' ', ranks.Select(r => $"{Percentile(events.Select(e => e[Math.Min(r, e.Length) - 1]), 50),8:F1}"))}");
}

// Nearest-rank percentile.
static KipDbContext NewContext(string connectionString) =>
    new(new DbContextOptionsBuilder<KipDbContext>().UseSqlite(connectionString).Options);

static async Task<string> ReadStamperAsync()
{
    await using var stream = typeof(LiveOptions).Assembly.GetManifestResourceStream("stamper.js")
        ?? throw new InvalidOperationException("stamper.js is not embedded");
    using var reader = new StreamReader(stream);
    return await reader.ReadToEndAsync();
}

/// <summary>A watching page's stamp: which page, when (ms since the Unix epoch), and the first number its text showed (null: gone).</summary>
internal sealed record Stamp(int Page, double AtMs, int? Number);

/// <summary>One latency: event (motion or bump) index, position (the vote's count or the bump's count), page, ms.</summary>
internal sealed record Sample(int Event, int Position, int Page, double LatencyMs);

internal sealed record LiveOptions(int Watchers, int Motions, int Bumps, double MaxMinutes, string? DataFolder)
{
    public static LiveOptions Parse(string[] args)
    {
        var options = new LiveOptions(50, 8, 0, 10, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--watchers" => options with { Watchers = Positive(value, 200) },
                "--motions" => options with { Motions = Positive(value, 100) },
                "--bumps" => options with { Bumps = Positive(value, 1000) },
                "--max-minutes" => options with { MaxMinutes = Positive(value, 60) },
                "--data" => options with { DataFolder = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --watchers N --motions N --bumps N --max-minutes N --data FOLDER"),
            };
        }

        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Option {args[^1]} needs a value.");
        }

        // As many bumps as votes unless told otherwise, so both rows have the same number of samples.
        return options.Bumps == 0 ? options with { Bumps = options.Motions * 5 } : options;
    }

    private static int Positive(string value, int maximum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= maximum
            ? n
            : throw new ArgumentException($"{value} is not a number from 1 to {maximum}");
}

/// <summary>
/// The WebSocket frames the server sent the pages (render batches, JS interop calls, SignalR pings) while votes or
/// bumps were clicked: a page's share of each event is what it had to receive and apply.
/// </summary>
internal static class Frames
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<int> WatcherBytes = new();
    private static readonly System.Collections.Concurrent.ConcurrentQueue<int> VoterBytes = new();

    public static volatile bool Recording;

    public static FrameSink Watchers { get; } = new(WatcherBytes);

    public static FrameSink Voters { get; } = new(VoterBytes);

    public static List<int> TakeWatchers() => Take(WatcherBytes);

    public static List<int> TakeVoters() => Take(VoterBytes);

    public static string Row(string name, List<int> sizes, int pageEvents)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (sizes.Count == 0 || pageEvents == 0)
        {
            return $"{name}: none";
        }

        var ordered = sizes.Order().ToList();
        return string.Create(invariant, $"{name,-38}: {(double)sizes.Count / pageEvents:F2} frames, {(double)sizes.Sum() / pageEvents:F0} bytes per page per event; frame bytes p50 {ordered[(ordered.Count - 1) / 2]}, p95 {ordered[(int)Math.Ceiling(0.95 * ordered.Count) - 1]}, max {ordered[^1]} ({sizes.Count} frames)");
    }

    private static List<int> Take(System.Collections.Concurrent.ConcurrentQueue<int> queue)
    {
        var taken = new List<int>();
        while (queue.TryDequeue(out var size))
        {
            taken.Add(size);
        }

        return taken;
    }

    internal sealed class FrameSink(System.Collections.Concurrent.ConcurrentQueue<int> queue)
    {
        public void Add(IWebSocketFrame frame)
        {
            if (Recording)
            {
                queue.Enqueue(frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? string.Empty));
            }
        }
    }
}
