using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace KIP.Tests.Infrastructure;

/// <summary>
/// What a browser reported as wrong while a test used it: console errors, uncaught page errors, failed requests and
/// answers of 400 or more. A person sees these as a broken page, so every browser test fails on them: at each axe
/// check (<see cref="BrowserFixture.AssertAccessibleAsync"/>) and after the test (<see cref="FailOnBrowserProblemsAttribute"/>).
/// During a deliberate outage (<see cref="Outage"/>) the network errors it causes are expected; page errors never are.
/// </summary>
public sealed class BrowserProblems
{
    private static readonly ConditionalWeakTable<IBrowserContext, BrowserProblems> ByContext = new();
    private static readonly AsyncLocal<ConcurrentBag<BrowserProblems>?> OfCurrentTest = new();

    private readonly ConcurrentQueue<string> _seen = new();
    private readonly ConcurrentDictionary<(int Status, string Path), bool> _expectedAnswers = new();
    private int _outages;

    /// <summary>Starts watching a new browser context; its problems count for the test that created it.</summary>
    public static void Watch(IBrowserContext context)
    {
        var problems = ByContext.GetValue(context, _ => new BrowserProblems());
        OfCurrentTest.Value?.Add(problems);
        context.WebError += (_, error) => problems._seen.Enqueue($"uncaught error: {error.Error}");
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && !(problems.InOutage && IsNetworkError(message.Text)) && !problems.IsExpectedAnswer(message))
            {
                problems._seen.Enqueue($"console error on {message.Page?.Url}: {message.Text}");
            }
        };
        context.RequestFailed += (_, request) =>
        {
            // A navigation away cancels what the old page still loaded: that is not a failure the user sees.
            if (!problems.InOutage && request.Failure is not ("net::ERR_ABORTED" or null))
            {
                problems._seen.Enqueue($"request failed: {request.Method} {request.Url} ({request.Failure})");
            }
        };
        context.Response += (_, response) =>
        {
            if (response.Status >= 400 && !problems.InOutage && !problems._expectedAnswers.ContainsKey((response.Status, new Uri(response.Url).AbsolutePath)))
            {
                problems._seen.Enqueue($"answer {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>While the returned scope lives, network errors in this context (the server is down on purpose) are expected.</summary>
    public static IDisposable Outage(IBrowserContext context)
    {
        var problems = For(context);
        Interlocked.Increment(ref problems._outages);
        return new OutageScope(problems);
    }

    /// <summary>An answer the test provokes on purpose (e.g. 404 on an unknown page): not a problem for this context.</summary>
    public static void ExpectAnswer(IBrowserContext context, int status, string path) => For(context)._expectedAnswers[(status, path)] = true;

    /// <summary>Fails when the page's browser context has reported any problem so far.</summary>
    public static void AssertNone(IPage page) => For(page.Context).AssertNone();

    /// <summary>Takes what the test's browser contexts report from here on (called before each test).</summary>
    internal static void BeginTest() => OfCurrentTest.Value = [];

    /// <summary>Fails the test when any of its browser contexts reported a problem (called after each test).</summary>
    internal static void EndTest()
    {
        var all = OfCurrentTest.Value;
        OfCurrentTest.Value = null;
        foreach (var problems in all ?? [])
        {
            problems.AssertNone();
        }
    }

    private bool InOutage => Volatile.Read(ref _outages) > 0;

    private static BrowserProblems For(IBrowserContext context) =>
        ByContext.TryGetValue(context, out var problems)
            ? problems
            : throw new InvalidOperationException("Create browser contexts with BrowserFixture.NewContextAsync, so their problems are watched.");

    private bool IsExpectedAnswer(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource: the server responded with a status of ", StringComparison.Ordinal)
        && _expectedAnswers.Keys.Any(k => message.Text.Contains($"status of {k.Status} ", StringComparison.Ordinal) && message.Location.Contains(k.Path, StringComparison.Ordinal));

    private static bool IsNetworkError(string text) =>
        text.Contains("Failed to load resource", StringComparison.Ordinal)
        || text.Contains("WebSocket", StringComparison.Ordinal)
        || text.Contains("net::ERR_", StringComparison.Ordinal)
        || text.Contains("Connection disconnected", StringComparison.Ordinal)
        || text.Contains("Failed to complete negotiation", StringComparison.Ordinal)
        || text.Contains("Failed to start the connection", StringComparison.Ordinal);

    private void AssertNone()
    {
        var seen = _seen.ToArray();
        Assert.True(seen.Length == 0, "The browser reported problems a person would see:\n" + string.Join("\n", seen.Distinct()));
    }

    private sealed class OutageScope(BrowserProblems problems) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref problems._outages);
    }
}

/// <summary>Fails a test after which a browser context it created has reported a problem (see <see cref="BrowserProblems"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = false)]
public sealed class FailOnBrowserProblemsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => BrowserProblems.BeginTest();

    public override void After(MethodInfo methodUnderTest) => BrowserProblems.EndTest();
}
