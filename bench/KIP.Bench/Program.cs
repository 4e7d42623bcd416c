using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using KIP.Bench;
using KIP.Domain;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KIP.Bench.Shared.BenchHost;

// KIP supplier search benchmark. Not a test: it prints figures; see bench/README.md.
var options = BenchOptions.Parse(args);
var invariant = CultureInfo.InvariantCulture;
var output = Console.Out;
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.MaxMinutes));
var token = stop.Token;

if (!Words.Categories.Select(c => c.Code).SequenceEqual(Catalog.Categories))
{
    throw new InvalidOperationException("bench/Words.cs categories differ from KIP.Web.Data.Catalog.Categories");
}

var root = RepositoryRoot();
var dataFolder = Path.GetFullPath(options.DataFolder ?? Path.Combine(root, "bench", ".data", $"o{options.Organisations}-s{options.Seed}{(options.Provider == BenchProvider.Postgres ? "-postgres" : string.Empty)}"));
Directory.CreateDirectory(dataFolder);
var postgres = options.Provider == BenchProvider.Postgres;
var databaseFile = Path.Combine(dataFolder, "kip.db");
var connectionString = postgres
    ? options.ConnectionString ?? throw new ArgumentException("--provider postgres needs --connection-string \"Host=...;Port=...;Username=...;Database=...\" (bench/README.md)")
    : new SqliteConnectionStringBuilder { DataSource = databaseFile, DefaultTimeout = 30 }.ToString();
var database = new BenchDatabase(options.Provider, connectionString);
var today = AmsterdamCalendar.Today(TimeProvider.System);

output.WriteLine("KIP supplier search benchmark");
output.WriteLine(string.Create(invariant, $"started      {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC; today (Europe/Amsterdam) {today:yyyy-MM-dd}"));
output.WriteLine($"command      dotnet run -c Release --project bench/KIP.Bench -- {string.Join(' ', args)}");
output.WriteLine($"machine      {Environment.ProcessorCount} logical cores, {Cpu()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
output.WriteLine($"load average {LoadAverage()} (1, 5, 15 min) at start");
output.WriteLine(string.Create(invariant, $"options      provider={options.Provider} organisations={options.Organisations} requests={options.Requests} warmup={options.Warmup} seed={options.Seed} max-minutes={options.MaxMinutes}"));

// 1. The database: the app's migrations (PostgreSQL: the database created when missing), then the generator (or the data of an earlier run with the same size and seed).
var clock = Stopwatch.StartNew();
await Generator.MigrateAsync(database, token);
output.WriteLine($"database     {(postgres ? await database.DescribeAsync(token) : databaseFile)}");
var existing = await Generator.CountAsync(database, token);
if (existing != options.Organisations)
{
    if (existing != 0)
    {
        throw new InvalidOperationException($"{(postgres ? "the database" : databaseFile)} holds {existing} organisations, not {options.Organisations}: delete it first.");
    }

    output.WriteLine(string.Create(invariant, $"generating   {options.Organisations:N0} organisations (seed {options.Seed}) through EF Core and the domain..."));
    await Generator.GenerateAsync(database, options.Organisations, options.Seed, today, output, token);
    output.WriteLine(string.Create(invariant, $"generated in {clock.Elapsed.TotalSeconds:F0} s"));
}
else
{
    output.WriteLine(string.Create(invariant, $"reusing      {existing:N0} organisations already generated with this seed"));
}

await using (var db = database.NewContext())
{
    var admitted = await db.Organisations.CountAsync(o => o.AdmissionStatus == KIP.Domain.Organisations.AdmissionStatus.Admitted, token);
    var indexed = await db.Database.SqlQueryRaw<int>(postgres ? "SELECT count(*)::int AS \"Value\" FROM \"SupplierSearch\"" : "SELECT count(*) AS Value FROM SupplierSearch").SingleAsync(token);
    var recognised = await db.Organisations.RecognisedOn(today).CountAsync(token);
    var size = postgres
        ? $"database {await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(token) / 1024 / 1024} MB"
        : $"file {new FileInfo(databaseFile).Length / 1024 / 1024} MB";
    output.WriteLine(string.Create(invariant, $"data         {existing + (existing == 0 ? options.Organisations : 0):N0} organisations, {admitted:N0} admitted, {recognised:N0} recognised today, {indexed:N0} rows in SupplierSearch, {size}"));
}

// 2. The query mix.
var queries = QueryMix.Create(options.Requests, options.Seed);
var warmup = QueryMix.Create(options.Warmup, options.Seed + 1);
output.WriteLine(string.Create(invariant, $"query mix    {queries.Count} requests over {queries.Select(q => q.Shape).Distinct().Count()} shapes (seed {options.Seed}), {warmup.Count} warm-up requests (seed {options.Seed + 1})"));

// 3. The app as a child process on loopback, the in-process search and the direct SQL on the same file.
var port = FreePort();
using var app = StartApp(root, dataFolder, port, options.AppLogLevel, database);
try
{
    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        Timeout = TimeSpan.FromSeconds(30),
    };
    await WaitForHealthAsync(http, app, token);
    output.WriteLine(string.Create(invariant, $"app          KIP.Web (Release, ASPNETCORE_ENVIRONMENT=Development, Kip__DemoData=false{(options.AppLogLevel is null ? ", logging as shipped in appsettings" : $", Logging__LogLevel__Default={options.AppLogLevel}")}) on http://127.0.0.1:{port}, pid {app.Id}"));

    var services = database.Services();
    await using var disposeServices = services;
    var inProcess = new SupplierSearch(services.GetRequiredService<IDbContextFactory<KipDbContext>>(), database.SearchSql, TimeProvider.System);
    using var direct = new DirectSearch(database);

    var warmupClock = Stopwatch.StartNew();
    foreach (var query in warmup)
    {
        token.ThrowIfCancellationRequested();
        direct.Search(query.Query, today);
        await inProcess.SearchAsync(query.Query, token);
        await ApiAsync(http, query, token);
    }

    output.WriteLine(string.Create(invariant, $"warm-up      {warmup.Count} requests through all three paths in {warmupClock.Elapsed.TotalSeconds:F1} s"));

    var results = new List<Result>(queries.Count);
    var mismatches = new List<string>();
    var measureClock = Stopwatch.StartNew();
    for (var i = 0; i < queries.Count && !token.IsCancellationRequested; i++)
    {
        // The three paths one after the other for each request, in a rotating order so none is always first on a cold page.
        var query = queries[i];
        double directMs = 0, inProcessMs = 0, apiMs = 0;
        int directTotal = 0, inProcessTotal = 0, apiTotal = 0;
        for (var step = 0; step < 3; step++)
        {
            var start = Stopwatch.GetTimestamp();
            switch ((i + step) % 3)
            {
                case 0:
                    directTotal = direct.Search(query.Query, today).Total;
                    directMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    break;
                case 1:
                    inProcessTotal = (await inProcess.SearchAsync(query.Query, token)).Total;
                    inProcessMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    break;
                default:
                    apiTotal = await ApiAsync(http, query, token);
                    apiMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    break;
            }
        }

        if (directTotal != apiTotal || directTotal != inProcessTotal)
        {
            mismatches.Add(string.Create(invariant, $"{query.QueryString}: direct {directTotal}, in-process {inProcessTotal}, API {apiTotal}"));
        }

        results.Add(new Result(query, directMs, inProcessMs, apiMs, apiTotal));
    }

    output.WriteLine(string.Create(invariant, $"measured     {results.Count} of {queries.Count} requests in {measureClock.Elapsed.TotalSeconds:F1} s{(results.Count < queries.Count ? " (stopped by --max-minutes)" : string.Empty)}"));
    output.WriteLine($"load average {LoadAverage()} (1, 5, 15 min) at end");
    output.WriteLine();
    output.WriteLine($"Times in ms. direct = count + page ids by raw SQL on one open {(postgres ? "Npgsql" : "Microsoft.Data.Sqlite")} connection;");
    output.WriteLine("in-process = KIP.Web.Search.SupplierSearch.SearchAsync (count, ids, items through EF) in this process;");
    output.WriteLine("API = GET /api/v1/suppliers on loopback, client-side time to the full response body (keep-alive).");
    output.WriteLine();
    output.WriteLine(string.Create(invariant, $"{"shape",-30} {"n",5} {"total~",7} | {"direct p50",10} {"p95",7} | {"in-proc p50",11} {"p95",7} | {"API p50",8} {"p95",7} {"max",7}"));
    foreach (var group in results.GroupBy(r => r.Query.Shape))
    {
        output.WriteLine(Row(group.Key, [.. group]));
    }

    output.WriteLine(new string('-', 112));
    foreach (var kind in QueryMix.TextKinds)
    {
        output.WriteLine(Row($"{kind} (all filters)", [.. results.Where(r => r.Query.Shape.StartsWith(kind + " ", StringComparison.Ordinal))]));
    }

    output.WriteLine(new string('-', 112));
    output.WriteLine(Row("ALL", results));
    output.WriteLine();

    var apiP95 = Percentile(results.Select(r => r.ApiMs), 95);
    var directP95 = Percentile(results.Select(r => r.DirectMs), 95);
    output.WriteLine(string.Create(invariant, $"target 1  API p95 < 50 ms:                    {apiP95:F1} ms -> {(apiP95 < 50 ? "MET" : "NOT MET")}"));
    output.WriteLine(string.Create(invariant, $"target 2  API p95 - direct p95 <= 5 ms:       {apiP95:F1} - {directP95:F1} = {apiP95 - directP95:F1} ms -> {(apiP95 - directP95 <= 5 ? "MET" : "NOT MET")}"));
    output.WriteLine(string.Create(invariant, $"totals    direct, in-process and API agree on {results.Count - mismatches.Count} of {results.Count} requests"));
    foreach (var mismatch in mismatches.Take(10))
    {
        output.WriteLine($"  mismatch {mismatch}");
    }

    output.WriteLine();
    output.WriteLine("Slowest 10 API requests:");
    foreach (var r in results.OrderByDescending(r => r.ApiMs).Take(10))
    {
        output.WriteLine(string.Create(invariant, $"  {r.ApiMs,8:F1} ms API {r.DirectMs,8:F1} ms direct  total {r.Total,5}  /api/v1/suppliers?{r.Query.QueryString}"));
    }

    output.WriteLine();
    output.WriteLine($"{(postgres ? "EXPLAIN" : "EXPLAIN QUERY PLAN")} of the page query, one example per filter (text 'sc'):");
    foreach (var example in QueryMix.Filters.Select(f => queries.First(q => q.Shape == $"prefix-2 {f}")))
    {
        var query = example.Query with { Text = "sc" };
        output.WriteLine($"  {example.Shape}:");
        foreach (var line in direct.Plan(query, today))
        {
            output.WriteLine($"    {line}");
        }
    }
}
finally
{
    if (!app.HasExited)
    {
        app.Kill(entireProcessTree: true);
        await app.WaitForExitAsync(CancellationToken.None);
    }
}

output.WriteLine(string.Create(invariant, $"finished     {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC, {clock.Elapsed.TotalSeconds:F0} s in all"));
return 0;

static async Task<int> ApiAsync(HttpClient http, BenchQuery query, CancellationToken token)
{
    using var response = await http.GetAsync(new Uri($"/api/v1/suppliers?{query.QueryString}", UriKind.Relative), HttpCompletionOption.ResponseContentRead, token);
    var body = await response.Content.ReadAsByteArrayAsync(token);
    if (response.StatusCode != HttpStatusCode.OK)
    {
        throw new InvalidOperationException($"GET /api/v1/suppliers?{query.QueryString} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
    }

    using var json = JsonDocument.Parse(body);
    return json.RootElement.GetProperty("total").GetInt32();
}

static string Row(string name, IReadOnlyList<Result> rows)
{
    if (rows.Count == 0)
    {
        return name;
    }

    var total = Percentile(rows.Select(r => (double)r.Total), 50);
    return string.Create(CultureInfo.InvariantCulture,
        $"{name,-30} {rows.Count,5} {total,7:F0} | {Percentile(rows.Select(r => r.DirectMs), 50),10:F1} {Percentile(rows.Select(r => r.DirectMs), 95),7:F1} | {Percentile(rows.Select(r => r.InProcessMs), 50),11:F1} {Percentile(rows.Select(r => r.InProcessMs), 95),7:F1} | {Percentile(rows.Select(r => r.ApiMs), 50),8:F1} {Percentile(rows.Select(r => r.ApiMs), 95),7:F1} {rows.Max(r => r.ApiMs),7:F1}");
}

// Nearest-rank percentile.
static Process StartApp(string root, string dataFolder, int port, string? logLevel, BenchDatabase database)
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
    start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
    start.Environment["Kip__DemoData"] = "false";
    start.Environment["Kip__DataFolder"] = dataFolder;
    if (database.Provider == BenchProvider.Postgres)
    {
        start.Environment["Kip__Database__Provider"] = "Postgres";
        start.Environment["Kip__Database__ConnectionString"] = database.ConnectionString;
    }

    // The benchmark is one client on loopback doing what many people do: KIP's rate limits and circuit caps raised.
    start.Environment["Kip__Limits__Api__PermitLimit"] = "100000000";
    start.Environment["Kip__Limits__SignIn__PermitLimit"] = "100000000";
    start.Environment["Kip__Limits__CircuitsPerPerson"] = "100000";
    start.Environment["Kip__Limits__CircuitsPerAddress"] = "100000";
    start.Environment["Kip__Limits__CircuitsTotal"] = "100000";
    if (logLevel is not null)
    {
        start.Environment["Logging__LogLevel__Default"] = logLevel;
    }

    var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start KIP.Web");
    var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(dataFolder, "app.log"), append: false) { AutoFlush = true });
    process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
    process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

internal sealed record Result(BenchQuery Query, double DirectMs, double InProcessMs, double ApiMs, int Total);

internal sealed record BenchOptions(int Organisations, int Requests, int Warmup, int Seed, double MaxMinutes, string? DataFolder, string? AppLogLevel, BenchProvider Provider, string? ConnectionString)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(100_000, 1_000, 200, 20261128, 30, null, null, BenchProvider.Sqlite, null);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--organisations" => options with { Organisations = Positive(value, 1_000_000) },
                "--requests" => options with { Requests = Positive(value, 100_000) },
                "--warmup" => options with { Warmup = Positive(value, 10_000) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-minutes" => options with { MaxMinutes = Positive(value, 600) },
                "--data" => options with { DataFolder = value },
                "--app-log-level" => options with { AppLogLevel = value },
                "--provider" => options with { Provider = Enum.Parse<BenchProvider>(value, ignoreCase: true) },
                "--connection-string" => options with { ConnectionString = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --organisations N --requests N --warmup N --seed N --max-minutes N --data FOLDER --app-log-level LEVEL --provider sqlite|postgres --connection-string TEXT"),
            };
        }

        return options;
    }

    private static int Positive(string value, int maximum) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= maximum
            ? n
            : throw new ArgumentException($"{value} is not a number from 1 to {maximum}");
}
