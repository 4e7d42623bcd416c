using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KIP.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KIP.Tests.Api;

/// <summary>KIP.Web on real Kestrel with a fake clock: "today" in Amsterdam is 26 November 2026.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string EligibilityChecks = "/api/v1/eligibility-checks";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    public KipAppFactory App { get; }

    public HttpClient Client { get; private set; } = default!;

    public ApiFixture()
    {
        App = new KipAppFactory(configure: builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time)));
    }

    public Task InitializeAsync()
    {
        Client = App.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType = "application/json") =>
        Client.PostAsync(new Uri(EligibilityChecks, UriKind.Relative), new StringContent(body, Encoding.UTF8, contentType));

    public Task<HttpResponseMessage> PostAsync(object body) =>
        Client.PostAsJsonAsync(new Uri(EligibilityChecks, UriKind.Relative), body);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>One app for all API tests.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
