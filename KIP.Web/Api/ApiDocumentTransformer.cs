using KIP.Web.Settings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace KIP.Web.Api;

/// <summary>
/// Makes the generated OpenAPI document meet the Dutch API Design Rules: a server URL that carries the
/// major version (so paths are relative to it), contact details, a semver version, and the
/// <c>API-Version</c> header on every response.
/// </summary>
public sealed class ApiDocumentTransformer(IOptions<KipOptions> kip, IOptions<KipApiOptions> api) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var site = SiteUrl(context);
        document.Info = new OpenApiInfo
        {
            Title = "KIP – Kennemerland Inkoop Platform",
            Description = "Open data van het Kennemerland Inkoop Platform: de erkenningscheck en de criteria voor erkenning als sociaal ondernemer.",
            Version = ApiSetup.Version,
            Contact = new OpenApiContact
            {
                Name = api.Value.ContactName,
                Email = api.Value.ContactEmail,
                Url = new Uri(string.IsNullOrWhiteSpace(api.Value.ContactUrl) ? site + "/" : api.Value.ContactUrl),
            },
        };
        document.Servers = [new OpenApiServer { Url = site + ApiSetup.Prefix, Description = "KIP" }];

        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            var relative = path.StartsWith(ApiSetup.Prefix, StringComparison.Ordinal) ? path[ApiSetup.Prefix.Length..] : path;
            paths[relative.Length == 0 ? "/" : relative] = item;
        }

        document.Paths = paths;
        return Task.CompletedTask;
    }

    /// <summary>The header every response carries (API Design Rules /core/version-header), and the body read by hand.</summary>
    public static async Task AddVersionHeaderAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyType>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) },
                },
            };
        }

        foreach (var response in (operation.Responses ?? []).Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[ApiSetup.VersionHeader] = new OpenApiHeader
            {
                Description = "De volledige versie van de API.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }

    private string SiteUrl(OpenApiDocumentTransformerContext context)
    {
        if (kip.Value.PublicAddress is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        var request = context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
        return request is null ? "https://localhost" : $"{request.Scheme}://{request.Host}";
    }
}
