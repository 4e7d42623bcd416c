using KIP.Web.Actions;

namespace KIP.Tests.Live;

/// <summary>KIP.Domain's refusal of a session command, by its stable code.</summary>
public sealed record Refusal(string Code);

/// <summary>The answers of the session commands in tests: done (else the test fails with the refusal), or refused.</summary>
public static class SessionCalls
{
    private const string DomainPrefix = "DomainError.";

    public static async Task DoneAsync(this Task<ActionResult> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await call;
        Assert.True(result.Succeeded, $"Refused: {result.ErrorKey}");
    }

    public static async Task<T> ValueAsync<T>(this Task<ActionResult<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await call;
        Assert.True(result.Succeeded, $"Refused: {result.ErrorKey}");
        return result.Value!;
    }

    public static async Task<Refusal> RefusalAsync(this Task<ActionResult> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await call;
        Assert.False(result.Succeeded, "The command was done, not refused.");
        Assert.StartsWith(DomainPrefix, result.ErrorKey, StringComparison.Ordinal);
        return new Refusal(result.ErrorKey![DomainPrefix.Length..]);
    }

    public static async Task<Refusal> RefusalAsync<T>(this Task<ActionResult<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await Task.FromResult((await call).Result).RefusalAsync();
    }
}
