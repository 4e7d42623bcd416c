using System.Net;
using KIP.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KIP.Tests.Data;

/// <summary>A crash (SIGKILL) loses nothing: the database and its demo data come back whole, not twice.</summary>
public sealed class RestartTests
{
    private static async Task<(long Organisations, long Criteria, long Decisions, long Persons)> CountAsync(string dataFolder)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "kip.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table}";
            return (long)(await command.ExecuteScalarAsync())!;
        }

        return (await Count("Organisations"), await Count("AcceptedCriteria"), await Count("Decisions"), await Count("Persons"));
    }

    [Fact]
    public async Task Killed_and_restarted_app_has_its_database_and_demo_data_whole()
    {
        await using var app = new AppProcess();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        var before = await CountAsync(app.DataFolder);

        await app.KillAsync();
        await app.StartAsync();

        var after = await CountAsync(app.DataFolder);
        Assert.True(before.Organisations >= 30);
        Assert.Equal(before, after);
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.Contains("Welkom bij KIP", await client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }
}
