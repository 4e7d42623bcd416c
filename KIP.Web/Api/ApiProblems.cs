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

    /// <summary>An exception no endpoint caught: a request that cannot be read is a 400, anything else a 500. Never a stack trace.</summary>
    public static Task WriteExceptionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        context.Response.StatusCode = status;
        return Problem(context, status).ExecuteAsync(context);
    }

    /// <summary>An error status with no body yet (a 404 of the framework, a 405, a 415, a 400 of a value that cannot be bound).</summary>
    public static Task WriteStatusAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Problem(context, context.Response.StatusCode).ExecuteAsync(context);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(HttpContext context, int status)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("Ongeldig verzoek", "Een waarde in het verzoek heeft niet de vorm die deze API verwacht; zie " + OpenApiUrl + "."),
            StatusCodes.Status401Unauthorized => ("Niet aangemeld", $"{path} vraagt een aangemelde sessie van KIP; meld u eerst aan."),
            StatusCodes.Status403Forbidden => ("Geen toegang", $"Uw rol geeft geen toegang tot {path}."),
            StatusCodes.Status404NotFound => ("Niet gevonden", $"Er is geen API-bron op {path}."),
            StatusCodes.Status405MethodNotAllowed => ("Methode niet toegestaan", $"{path} kent de methode {context.Request.Method} niet."),
            StatusCodes.Status413PayloadTooLarge => ("Verzoek te groot", "De body van het verzoek is groter dan deze API aanneemt."),
            StatusCodes.Status415UnsupportedMediaType => ("Mediatype niet ondersteund", "Stuur de body als application/json."),
            StatusCodes.Status429TooManyRequests => ("Te veel verzoeken", "Er kwamen te veel verzoeken kort na elkaar; probeer het zo opnieuw."),
            >= 500 => ("Interne fout", "Er ging iets mis bij KIP. Probeer het later opnieuw; blijft het gebeuren, meld dan het tijdstip."),
            _ => (Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), $"Het verzoek naar {path} kon niet worden afgehandeld."),
        };
        return TypedResults.Problem(detail: detail, instance: path, statusCode: status, title: title);
    }

    private const string OpenApiUrl = ApiSetup.OpenApiUrl;

    public static IResult NotFound(string path) =>
        TypedResults.Problem(
            detail: $"Er is geen API-bron op {path}.",
            instance: path,
            statusCode: StatusCodes.Status404NotFound,
            title: "Niet gevonden",
            type: "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5");
}
