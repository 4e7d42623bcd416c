using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// A scratch Redis for one test class (a class fixture): Debian's <c>redis-server</c> on the first free port of
/// 56300-56399, in its own <c>/tmp/kip-redis-*</c> folder, without persistence (<c>--save '' --appendonly no</c>), so a
/// restart comes back empty as a lost Redis does. A test can stop and start it again (the outage tests); it is stopped
/// and its folder removed when the class ends. Without the binary (test.sh installs <c>redis-server</c>) it fails saying so.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string Binary = "/usr/bin/redis-server";
    private const int FirstPort = 56300;
    private const int LastPort = 56399;

    // Classes make and start their servers in parallel: no two take the same port, one starts at a time.
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static readonly HashSet<int> Taken = [];

    private readonly string _folder = Directory.CreateTempSubdirectory("kip-redis-").FullName;
    private int? _pid;

    /// <summary>Takes a port now, so that an app's settings can name the server before it runs.</summary>
    public RedisServer()
    {
        lock (Taken)
        {
            Port = Enumerable.Range(FirstPort, LastPort - FirstPort + 1).FirstOrDefault(p => !Taken.Contains(p) && IsFree(p));
            if (Port == 0)
            {
                throw new InvalidOperationException($"No free port for Redis in {FirstPort}-{LastPort}.");
            }

            Taken.Add(Port);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server (<c>Kip:Redis:Configuration</c>).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool Running => _pid is { } pid && Directory.Exists($"/proc/{pid}");

    public Task InitializeAsync() => StartAsync();

    /// <summary>Starts the server (again, on the same port after <see cref="StopAsync"/>) and waits until it answers.</summary>
    public async Task StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"Redis is not installed ({Binary}): apt-get install redis-server (test.sh does so when it is missing).");
        }

        await Starting.WaitAsync();
        try
        {
            var pidFile = Path.Combine(_folder, "redis.pid");
            File.Delete(pidFile);
            Run(Binary, "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--daemonize", "yes", "--save", string.Empty,
                "--appendonly", "no", "--dir", _folder, "--pidfile", pidFile, "--logfile", Path.Combine(_folder, "redis.log"));
            var deadline = Stopwatch.StartNew();
            while (!(File.Exists(pidFile) && Answers(Port)))
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"Redis did not start on port {Port}; see {_folder}/redis.log.");
                }

                await Task.Delay(50);
            }

            _pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Stops the server (SIGTERM; it keeps nothing) and waits until it is gone and its port is free.</summary>
    public async Task StopAsync()
    {
        if (_pid is not { } pid)
        {
            return;
        }

        Run("kill", "-TERM", pid.ToString(CultureInfo.InvariantCulture));
        var deadline = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") || !IsFree(Port))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Redis (pid {pid}) did not stop.");
            }

            await Task.Delay(50);
        }

        _pid = null;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        KipAppFactory.TryDelete(_folder);
    }

    private void Kill()
    {
        if (Running)
        {
            Run("kill", "-KILL", _pid!.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
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

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
