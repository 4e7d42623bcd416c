using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.CircuitBench;

/// <summary>
/// One interactive page as the Blazor script would hold it, without a browser: the prerendered page over HTTP, then
/// the circuit over SignalR (WebSockets): <c>StartCircuit</c>, <c>UpdateRootComponents</c> with the page's server
/// markers and its persisted state, every render batch acknowledged with <c>OnRenderCompleted</c>, every JavaScript
/// call answered as done (the client has no DOM; a call that needs a value gets null).
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<double> _nextRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _renderedBytes;
    private int _batches;

    private BlazorCircuit(HubConnection connection) => _connection = connection;

    public long RenderedBytes => Interlocked.Read(ref _renderedBytes);

    public int Batches => Volatile.Read(ref _batches);

    public string? Error { get; private set; }

    /// <summary>Opens <paramref name="path"/> and waits for the circuit's first render batch.</summary>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, Uri baseUri, string path, CancellationToken token)
    {
        var html = await http.GetStringAsync(new Uri(baseUri, path), token);
        var markers = ServerMarkers().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!).Where(m => m["descriptor"] is not null).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server component");
        }

        var state = ServerState().Match(html) is { Success: true } s ? s.Groups[1].Value : string.Empty;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, o => o.SkipNegotiation = false)
            .WithBlazorPack()
            .Build();

        // Generous: thousands of circuits opening on two cores answer slowly, and a slow answer is a figure, not a failure.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
        var circuit = new BlazorCircuit(connection);
        connection.On<long, byte[]>("JS.RenderBatch", circuit.OnRenderBatchAsync);
        connection.On<long, string, string, int, long>("JS.BeginInvokeJS", (handle, _, _, _, _) =>
            connection.SendAsync("EndInvokeJSFromDotNet", handle, true, string.Create(CultureInfo.InvariantCulture, $"[{handle},true,null]")));
        connection.On<string>("JS.Error", error => circuit.Error = error);
        await connection.StartAsync(token);

        var circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", string.Empty, token);
        if (circuitId is null)
        {
            throw new InvalidOperationException($"The server refused a circuit on {path}: {circuit.Error}");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = marker.DeepClone(),
            })]),
        };
        await connection.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, token);
        await circuit._firstRender.Task.WaitAsync(TimeSpan.FromMinutes(2), token);
        return circuit;
    }

    /// <summary>Milliseconds from now until the next render batch arrives (a change pushed by the server).</summary>
    public Task<double> NextRenderAsync()
    {
        var next = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _nextRender, next);
        return next.Task;
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        Interlocked.Add(ref _renderedBytes, batch.Length);
        Interlocked.Increment(ref _batches);
        await _connection.SendAsync("OnRenderCompleted", batchId, null);
        _firstRender.TrySetResult();
        Volatile.Read(ref _nextRender).TrySetResult(Stopwatch.GetTimestamp());
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex ServerMarkers();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ServerState();
}

/// <summary>
/// Blazor's hub protocol: SignalR's MessagePack protocol under the name the component hub accepts ("blazorpack").
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";

    public int Version => _inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}

public static class BlazorPackSetup
{
    /// <summary>The only protocol of the connection: the last <see cref="IHubProtocol"/> registered wins.</summary>
    public static IHubConnectionBuilder WithBlazorPack(this IHubConnectionBuilder builder)
    {
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        return builder;
    }
}
