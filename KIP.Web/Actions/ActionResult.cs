using System.Collections.Frozen;
using KIP.Domain;

namespace KIP.Web.Actions;

/// <summary>
/// The one answer of a service method a page calls: done, or refused with the text key of the reason
/// (a rule, "you may not", or messages beside fields). A service never says no to a page by throwing,
/// by a tuple or by a bool; <see cref="ServiceCall"/> turns the domain's exceptions into this answer.
/// </summary>
public sealed record ActionResult
{
    private static readonly IReadOnlyDictionary<string, string> NoFieldErrors =
        FrozenDictionary<string, string>.Empty;

    private ActionResult(string? errorKey, IReadOnlyDictionary<string, string>? fieldErrors)
    {
        ErrorKey = errorKey;
        FieldErrors = fieldErrors ?? NoFieldErrors;
    }

    public static ActionResult Done { get; } = new(null, null);

    /// <summary>The signed-in person may not do this (a hidden button is not a check).</summary>
    public static ActionResult NotAllowed { get; } = new(NotAllowedKey, null);

    /// <summary>The text key shown when the signed-in person may not do this.</summary>
    public const string NotAllowedKey = "Access.NotAllowed";

    /// <summary>The text key shown above a form whose fields carry messages.</summary>
    public const string InvalidKey = "Action.Invalid";

    /// <summary>The text key of the reason; null when done.</summary>
    public string? ErrorKey { get; }

    /// <summary>Text keys of the messages beside fields, by field name; empty when none.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; }

    public bool Succeeded => ErrorKey is null;

    /// <summary>A rule KIP.Domain refused, by its stable code (texts under <c>DomainError.*</c>).</summary>
    public static ActionResult From(DomainException exception) => new(DomainErrors.Key(exception), null);

    public static ActionResult Refused(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return new(key, null);
    }

    /// <summary>
    /// Refused because of what was typed: <paramref name="fieldErrorKeys"/> holds, per field name, the text key
    /// of the message shown beside that field. Done when there are none.
    /// </summary>
    public static ActionResult Invalid(IReadOnlyDictionary<string, string> fieldErrorKeys)
    {
        ArgumentNullException.ThrowIfNull(fieldErrorKeys);
        return fieldErrorKeys.Count == 0
            ? Done
            : new(InvalidKey, fieldErrorKeys.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Done, giving <paramref name="value"/> back.</summary>
    public static ActionResult<T> DoneWith<T>(T value) => new(Done, value);

    /// <summary>The same refusal carrying a value type; only for a refusal.</summary>
    public ActionResult<T> As<T>() => Succeeded
        ? throw new InvalidOperationException("A done result needs a value: use ActionResult.DoneWith(value).")
        : new ActionResult<T>(this, default);

    /// <summary>The text key of the message beside <paramref name="field"/>, or null.</summary>
    public string? FieldError(string field) => FieldErrors.GetValueOrDefault(field);

    public bool Equals(ActionResult? other) =>
        other is not null
        && string.Equals(ErrorKey, other.ErrorKey, StringComparison.Ordinal)
        && FieldErrors.Count == other.FieldErrors.Count
        && FieldErrors.All(pair => other.FieldErrors.TryGetValue(pair.Key, out var key) && string.Equals(key, pair.Value, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(ErrorKey, FieldErrors.Count);
}

/// <summary>The answer of a service method that gives something back when done (a new id, a view).</summary>
public sealed record ActionResult<T>
{
    internal ActionResult(ActionResult result, T? value)
    {
        Result = result;
        Value = value;
    }

    /// <summary>Done or the refusal, without the value (what a page shows).</summary>
    public ActionResult Result { get; }

    /// <summary>The value when done; default when refused.</summary>
    public T? Value { get; }

    public bool Succeeded => Result.Succeeded;

    public string? ErrorKey => Result.ErrorKey;

    public IReadOnlyDictionary<string, string> FieldErrors => Result.FieldErrors;

    /// <summary>A refusal (<c>ActionResult.NotAllowed</c>, <c>Refused</c>, <c>Invalid</c>, <c>From</c>) as an answer of this type.</summary>
    public static implicit operator ActionResult<T>(ActionResult refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.As<T>();
    }
}

/// <summary>The text keys of KIP.Domain's refusals.</summary>
public static class DomainErrors
{
    public static string Key(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return $"DomainError.{exception.Code}";
    }
}
