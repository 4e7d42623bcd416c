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

    /// <summary>A request no API endpoint took: 405 with <c>Allow</c> for a known path, else 404.</summary>
    public static IResult NoEndpoint(HttpContext context, EndpointDataSource endpoints)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = context.Request.Path.Value ?? string.Empty;
        var methods = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (methods.Count == 0)
        {
            return NotFound(path);
        }

        context.Response.Headers.Allow = string.Join(", ", methods);
        return TypedResults.Problem(
            detail: $"{path} kent alleen {string.Join(", ", methods)}, niet {context.Request.Method}.",
            instance: path,
            statusCode: StatusCodes.Status405MethodNotAllowed,
            title: "Methode niet toegestaan",
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.6");
    }

    public static IResult NotFound(string path) =>
        TypedResults.Problem(
            detail: $"Er is geen API-bron op {path}.",
            instance: path,
            statusCode: StatusCodes.Status404NotFound,
            title: "Niet gevonden",
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5");
}
