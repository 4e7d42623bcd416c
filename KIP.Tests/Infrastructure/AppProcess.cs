using System.Diagnostics;
using System.Text;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// KIP.Web as a child process with a fixed port, data folder and keys, so a test can kill it with SIGKILL
/// mid-action and start it again on the same state — the way a server crash looks to users.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Dictionary<string, string> _environment;
    private Process? _process;

    public AppProcess(IDictionary<string, string>? environment = null)
    {
        Port = KipAppFactory.FreePort();
        DataFolder = Directory.CreateTempSubdirectory("kip-process-").FullName;
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = BaseUrl,
            ["Kip__DataFolder"] = DataFolder,
            ["Kip__PublicUrl"] = BaseUrl,
        };
        foreach (var (key, value) in KipAppFactory.UnlimitedForTests)
        {
            _environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        var settings = _environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
        if (KipAppFactory.TemplateFor(_environment["ASPNETCORE_ENVIRONMENT"], settings) is { } template)
        {
            TemplateDatabase.CopyInto(DataFolder, template);
        }
    }

    public int Port { get; }

    public string DataFolder { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The built KIP.Web beside this test assembly's configuration, run with its project folder as content root.</summary>
    private static (string Dll, string ContentRoot) WebApp()
    {
        var testBin = AppContext.BaseDirectory; // …/KIP.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(testBin).Parent!.Name;
        var root = SolutionRoot();
        var contentRoot = Path.Combine(root, "KIP.Web");
        var dll = Path.Combine(contentRoot, "bin", configuration, "net10.0", "KIP.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"KIP.Web is not built for {configuration}", dll);
        }

        return (dll, contentRoot);
    }

    public static string SolutionRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KIP.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KIP.sln not found above the test assembly");
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var (dll, contentRoot) = WebApp();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(contentRoot);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"KIP.Web exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"KIP.Web did not become healthy within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Runs to exit (for a start-up that must refuse) and returns the exit code.</summary>
    public async Task<int> RunToExitAsync(TimeSpan timeout)
    {
        try
        {
            await StartAsync(timeout);
        }
        catch (InvalidOperationException)
        {
            return _process?.ExitCode ?? -1;
        }

        await KillAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        KipAppFactory.TryDelete(DataFolder);
    }
}
