using System.Net;
using System.Text;
using System.Text.Json;

namespace KIP.Tests.Api;

/// <summary>Nothing a client sends makes the quick scan answer anything but 200 or a problem+json 400.</summary>
[Collection(ApiCollection.Name)]
public sealed class EligibilityCheckPropertyTests(ApiFixture api)
{
    private static readonly string[] Fields =
    [
        "checkDate", "legalForm", "foundedOn", "employees", "socialMission", "codeSocialeOndernemingenRegisteredOn",
        "socialEnterpriseNlMember", "pso30PlusValidUntil", "bCorpCertifiedOn", "bCorpValidUntil", "nonProfit", "graceStartedOn", "other",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0.0", "1e3", "1e309", "99999999999999999999999", "\"\"", "\" \"", "\"2026-11-26\"",
        "\"2026-02-30\"", "\"2024-02-29\"", "\"2025-02-29\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2099-01-01\"", "\"1999-1-1\"",
        "\"eenmanszaak\"", "\"STICHTING\"", "\"gmbh\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[1,[2,[3]]]", "{\"a\":{\"b\":{}}}",
        "\"" + new string('x', 60) + "\"", "\"ï¿½\"", "NaN", "undefined", "'x'", "\"2026-11-26\u0000\"",
    ];

    private static string RandomBody(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                // Random bytes, sometimes starting like an object.
                const string alphabet = "{}[]\":,0123456789-.etruanlfx \\";
                var bytes = new char[random.Next(0, 80)];
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = alphabet[random.Next(alphabet.Length)];
                }

                return (random.Next(2) == 0 ? "{" : string.Empty) + new string(bytes);
            case 1:
                // A valid object cut off somewhere.
                var whole = Object(random);
                return whole[..random.Next(whole.Length)];
            case 2:
                return new string('[', random.Next(1, 300)) + new string(']', random.Next(0, 300));
            default:
                return Object(random);
        }
    }

    private static string Object(Random random)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(0, 6);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append('"').Append(Fields[random.Next(Fields.Length)]).Append("\":").Append(Values[random.Next(Values.Length)]);
        }

        return builder.Append('}').ToString();
    }

    [Fact]
    public async Task Three_hundred_random_malformed_bodies_get_only_200_or_a_problem_400()
    {
        var random = new Random(20261126);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 300; i++)
        {
            var body = RandomBody(random);
            using var response = await api.PostRawAsync(body);
            var text = await response.Content.ReadAsStringAsync();
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(6, JsonDocument.Parse(text).RootElement.GetProperty("criteria").GetArrayLength());
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {body}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
        }

        // The generator must reach both answers, or the test proves little.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 10, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 100, string.Join(", ", statuses));
    }
}
