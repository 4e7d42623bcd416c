using System.Text.Json;
using KIP.Domain.Eligibility;
using KIP.Web.Eligibility;

namespace KIP.Web.Api;

/// <summary>
/// Reads the body of <c>POST /api/v1/eligibility-checks</c> by hand, so that every malformed value is named
/// in Dutch rather than failing model binding: a JSON object of optional fields, unknown fields ignored.
/// </summary>
public static class EligibilityRequestReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = EligibilityLimits.MaxDepth + 1,
        AllowDuplicateProperties = false,
    };

    public sealed record Request(EligibilityFacts Facts, DateOnly? CheckDate, List<InputError> Errors);

    public static async Task<Request> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<InputError>();
        var empty = new Request(new EligibilityFacts(), null, errors);
        if (request.ContentLength > EligibilityLimits.MaxBodyBytes)
        {
            errors.Add(new InputError("body", InputErrorKind.TooLarge));
            return empty;
        }

        var body = await ReadLimitedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            errors.Add(new InputError("body", InputErrorKind.TooLarge));
            return empty;
        }

        if (NestingDepth(body) > EligibilityLimits.MaxDepth)
        {
            errors.Add(new InputError("body", InputErrorKind.TooDeep));
            return empty;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            errors.Add(new InputError("body", InputErrorKind.InvalidJson));
            return empty;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError("body", InputErrorKind.NotAnObject));
                return empty;
            }

            var facts = new EligibilityFacts
            {
                LegalForm = EligibilityInput.LegalFormOf(Text(root, FactFields.LegalForm, errors), errors),
                FoundedOn = Date(root, FactFields.FoundedOn, errors),
                Employees = Employees(root, errors),
                SocialMission = Text(root, FactFields.SocialMission, errors),
                CodeSocialeOndernemingenRegisteredOn = Date(root, FactFields.CodeSocialeOndernemingenRegisteredOn, errors),
                SocialEnterpriseNlMember = Boolean(root, FactFields.SocialEnterpriseNlMember, errors),
                Pso30PlusValidUntil = Date(root, FactFields.Pso30PlusValidUntil, errors),
                BCorpCertifiedOn = Date(root, FactFields.BCorpCertifiedOn, errors),
                BCorpValidUntil = Date(root, FactFields.BCorpValidUntil, errors),
                NonProfit = Boolean(root, FactFields.NonProfit, errors),
                GraceStartedOn = Date(root, FactFields.GraceStartedOn, errors),
            };
            return new Request(facts, Date(root, EligibilityInput.CheckDateField, errors), errors);
        }
    }

    /// <summary>The body, or null when it is larger than the limit (a chunked body states no length).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > EligibilityLimits.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The deepest nesting of objects and arrays, brackets inside strings not counted.</summary>
    private static int NestingDepth(ReadOnlySpan<byte> json)
    {
        int depth = 0, deepest = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                deepest = Math.Max(deepest, ++depth);
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return deepest;
    }

    private static bool TryGet(JsonElement root, string field, out JsonElement value) =>
        root.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? Text(JsonElement root, string field, List<InputError> errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return StringOf(field, value, errors);
        }

        errors.Add(new InputError(field, InputErrorKind.ExpectedText, value.GetRawText()));
        return null;
    }

    private static DateOnly? Date(JsonElement root, string field, List<InputError> errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new InputError(field, InputErrorKind.ExpectedDate, value.GetRawText()));
            return null;
        }

        var text = StringOf(field, value, errors);
        if (text is null)
        {
            return null;
        }

        if (EligibilityInput.TryParseDate(text, out var date))
        {
            return date;
        }

        errors.Add(new InputError(field, InputErrorKind.MalformedDate, text));
        return null;
    }

    /// <summary>A JSON string, or null with an error when it holds no valid text (a lone surrogate escape).</summary>
    private static string? StringOf(string field, JsonElement value, List<InputError> errors)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(new InputError(field, InputErrorKind.InvalidCharacters));
            return null;
        }
    }

    private static bool? Boolean(JsonElement root, string field, List<InputError> errors)
    {
        if (!TryGet(root, field, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new InputError(field, InputErrorKind.ExpectedBoolean, value.GetRawText()));
        return null;
    }

    private static int? Employees(JsonElement root, List<InputError> errors)
    {
        if (!TryGet(root, FactFields.Employees, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new InputError(FactFields.Employees, InputErrorKind.ExpectedNumber, value.GetRawText()));
            return null;
        }

        if (!value.TryGetDecimal(out var number))
        {
            errors.Add(new InputError(FactFields.Employees, InputErrorKind.OutOfRange, value.GetRawText()));
            return null;
        }

        return EligibilityInput.Employees(number, value.GetRawText(), errors);
    }
}
