using System.Globalization;
using KIP.Web.Eligibility;
using KIP.Web.Localization;

namespace KIP.Web.Api;

/// <summary>
/// The public API under <c>/api/v1</c> (product.md, "Public API"), following the Dutch API Design Rules:
/// an OpenAPI document at <c>/api/v1/openapi.json</c>, an <c>API-Version</c> header on every response,
/// errors as problem+json. The API always answers in Dutch, whatever language the visitor's cookie asks.
/// </summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";
    public const string OpenApiUrl = Prefix + "/openapi.json";

    /// <summary>The full version of the API, in the <c>API-Version</c> header and the document's info.</summary>
    public const string Version = "1.0.0";

    public const string VersionHeader = "API-Version";

    public static IServiceCollection AddKipApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // The public API only: sign-in and page endpoints are not part of the open-data contract.
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith(Prefix[1..] + "/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer(ApiDocumentTransformer.AddVersionHeaderAsync);
        });
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        services.AddTransient<EligibilityTexts>();
        services.AddTransient<IStartupFilter, VersionHeaderStartupFilter>();
        return services;
    }

    public static IEndpointRouteBuilder MapKipApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(OpenApiUrl).AllowAnonymous();

        var api = endpoints.MapGroup(Prefix)
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                // Set after request localization, so a visitor's English cookie does not reach the API.
                CultureInfo.CurrentCulture = KipCultures.Default;
                CultureInfo.CurrentUICulture = KipCultures.Default;
                context.HttpContext.Response.Headers.ContentLanguage = KipCultures.Dutch;
                return await next(context);
            });
        api.MapEligibilityEndpoints();
        api.MapSupplierEndpoints();
        api.MapFallback((HttpContext context, EndpointDataSource endpoints) => ApiProblems.NoEndpoint(context, endpoints))
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>
    /// Under <c>/api</c> every error is problem+json, whatever the environment (V16.5.3): an unhandled exception is a
    /// 500 problem (never the HTML error page), a request that cannot be read a 400, and any answer an endpoint or the
    /// framework leaves without a body (404, 405, 415, ...) a problem with that status. Call it after the app's own
    /// status-code pages, so that it sits inside them and answers first.
    /// </summary>
    public static IApplicationBuilder UseKipApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            branch =>
            {
                branch.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteExceptionAsync });
                branch.UseStatusCodePages(context => ApiProblems.WriteStatusAsync(context.HttpContext));
            });

    /// <summary>The API-Version header on every response under /api, errors and unknown paths included.</summary>
    private sealed class VersionHeaderStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers[VersionHeader] = Version;
                        return Task.CompletedTask;
                    });
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
