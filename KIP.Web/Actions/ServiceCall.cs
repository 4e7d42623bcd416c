using KIP.Domain;

namespace KIP.Web.Actions;

/// <summary>
/// The one place where an exception that means "no" becomes an <see cref="ActionResult"/>: a service runs its body
/// here and the page gets an answer, never the exception.
/// </summary>
/// <remarks>
/// <see cref="DomainException"/> (a rule of KIP.Domain) becomes its <c>DomainError.*</c> key.
/// <see cref="UnauthorizedAccessException"/> becomes <see cref="ActionResult.NotAllowed"/>: in KIP it is thrown only
/// by access checks, and a person who may not act must see "not allowed", never an error page. Every other exception
/// is a fault, not a refusal, and is left to the error handling.
/// </remarks>
public static class ServiceCall
{
    /// <summary>The refusal an exception stands for, or null when it is a fault rather than a "no".</summary>
    public static ActionResult? RefusalFor(Exception exception) => exception switch
    {
        DomainException domain => ActionResult.From(domain),
        UnauthorizedAccessException => ActionResult.NotAllowed,
        _ => null,
    };

    public static async Task<ActionResult> RunAsync(Func<Task<ActionResult>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception exception) when (RefusalFor(exception) is not null)
        {
            return RefusalFor(exception)!;
        }
    }

    public static async Task<ActionResult<T>> RunAsync<T>(Func<Task<ActionResult<T>>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception exception) when (RefusalFor(exception) is not null)
        {
            return RefusalFor(exception)!.As<T>();
        }
    }

    /// <summary>Runs a body that either finishes (done) or throws its refusal.</summary>
    public static Task<ActionResult> RunAsync(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunAsync(async () =>
        {
            await body();
            return ActionResult.Done;
        });
    }

    /// <summary>Runs a synchronous body that either finishes (done) or throws its refusal.</summary>
    public static ActionResult Run(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            body();
            return ActionResult.Done;
        }
        catch (Exception exception) when (RefusalFor(exception) is not null)
        {
            return RefusalFor(exception)!;
        }
    }
}
