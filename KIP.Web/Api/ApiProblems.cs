namespace KIP.Web.Api;

/// <summary>One invalid field of a request: its name, a code, and a Dutch reason (API Design Rules "invalidParams").</summary>
public sealed record InvalidParam(string Name, string Code, string Reason);

/// <summary>RFC 9457 problem+json answers, in Dutch, whose detail names the field.</summary>
public static class ApiProblems
{
    public const string InvalidInputTitle = "Ongeldige invoer";

    public static IResult InvalidInput(IReadOnlyList<InvalidParam> invalid, string instance) =>
        TypedResults.Problem(
            detail: string.Join(" ", invalid.Select(p => p.Reason)),
            instance: instance,
            statusCode: StatusCodes.Status400BadRequest,
            title: InvalidInputTitle,
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["invalidParams"] = invalid });

    public static IResult NotFound(string path) =>
        TypedResults.Problem(
            detail: $"Er is geen API-bron op {path}.",
            instance: path,
            statusCode: StatusCodes.Status404NotFound,
            title: "Niet gevonden",
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5");
}
