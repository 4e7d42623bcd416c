using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// A scratch PostgreSQL for the run, so storage, voting and access are tested on the engine a municipality runs: Debian's PostgreSQL 15 (<c>initdb</c> + <c>pg_ctl</c>) in a fresh
/// <c>/tmp/kip-pg-*</c> folder on the first free port of 55400-55499 (a port in use is skipped, never taken over),
/// started once when a test first asks for it and stopped and removed when the run ends. Each test class gets its own
/// database (<see cref="AppSettings"/>): KIP.Web's migrations create it on the app's first start. Without the binaries
/// (test.sh installs <c>postgresql</c>) the PostgreSQL tests fail saying so.
/// </summary>
public static class PostgresServer
{
    public const string Binaries = "/usr/lib/postgresql/15/bin";
    private const int FirstPort = 55400;
    private const int LastPort = 55499;
    private const string Role = "kip";

    private static readonly Lazy<Instance> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The settings that put an app on its own new database of the run's server.</summary>
    public static Dictionary<string, string?> AppSettings(string name) => new()
    {
        ["Kip:Database:Provider"] = "Postgres",
        ["Kip:Database:ConnectionString"] = ConnectionString(NewDatabaseName(name)),
    };

    /// <summary>A connection string for <paramref name="database"/> on the run's server (started on first use).</summary>
    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Server.Value.Port};Username={Role};Database={database};Maximum Pool Size=30;Timeout=30;Command Timeout=120";

    /// <summary>A database name no other class of the run uses: <c>kip_&lt;name&gt;_&lt;random&gt;</c>.</summary>
    public static string NewDatabaseName(string name)
    {
        var clean = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return $"kip_{clean[..Math.Min(clean.Length, 20)]}_{Guid.NewGuid():N}";
    }

    private static Instance Start()
    {
        if (!File.Exists(Path.Combine(Binaries, "pg_ctl")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Binaries}): apt-get install postgresql (test.sh does so when it is missing).");
        }

        RemoveStaleFolders();
        var folder = Directory.CreateTempSubdirectory("kip-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var root = Environment.UserName == "root";
        if (root)
        {
            // initdb and postgres refuse to run as root: the cluster belongs to Debian's postgres user.
            Run("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        Run(Path.Combine(Binaries, "initdb"), ["-D", data, "-U", Role, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], root);
        foreach (var port in Enumerable.Range(FirstPort, LastPort - FirstPort + 1).Where(IsFree))
        {
            var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            if (Run(Path.Combine(Binaries, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", options, "start"], root, mayFail: true))
            {
                var instance = new Instance(folder, data, port, root);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
                return instance;
            }
        }

        throw new InvalidOperationException($"No free port for PostgreSQL in {FirstPort}-{LastPort}; see {folder}/server.log.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Run(string program, string[] arguments, bool asPostgres, bool mayFail = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !mayFail)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }

        return process.ExitCode == 0;
    }

    /// <summary>Folders of earlier runs whose server no longer runs (a test host killed before it could clean up).</summary>
    private static void RemoveStaleFolders()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "kip-pg-*"))
        {
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            var young = DateTime.UtcNow - Directory.GetCreationTimeUtc(folder) < TimeSpan.FromMinutes(5); // another run starting now
            if (young)
            {
                continue;
            }

            if (!File.Exists(pidFile) || (PostmasterOf(Path.Combine(folder, "data")) is { } pid && !Directory.Exists($"/proc/{pid}")))
            {
                Run("rm", ["-rf", folder], asPostgres: false, mayFail: true);
            }
        }
    }

    private static int? PostmasterOf(string data)
    {
        try
        {
            return int.TryParse(File.ReadLines(Path.Combine(data, "postmaster.pid")).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed record Instance(string Folder, string Data, int Port, bool Root)
    {
        /// <summary>
        /// At the end of the run, quickly (the test host may be ended soon after): PostgreSQL's immediate shutdown
        /// (SIGQUIT to the postmaster), then the folder removed; a folder left behind is removed by the next run.
        /// </summary>
        public void Stop()
        {
            if (PostmasterOf(Data) is { } pid)
            {
                Run("kill", ["-QUIT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], asPostgres: false, mayFail: true);
            }

            Run("rm", ["-rf", Folder], asPostgres: false, mayFail: true);
        }
    }
}
