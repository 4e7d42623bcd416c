using System.Data.Common;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;

namespace KIP.Tests.Data;

/// <summary>
/// The append-only rules on PostgreSQL (docs/decisions/013, "PostgreSQL"): every test of <see cref="AppendOnlyTestsBase"/>,
/// and PostgreSQL's own ways round them — an upsert (<c>INSERT … ON CONFLICT DO UPDATE</c>, its REPLACE) and
/// <c>TRUNCATE</c>, which skips row triggers.
/// </summary>
public sealed class PostgresAppendOnlyTests(PostgresAppFixture fixture) : AppendOnlyTestsBase(fixture), IClassFixture<PostgresAppFixture>
{
    [Theory]
    [InlineData("Decisions", "Motivation", "'herschreven'")]
    [InlineData("AuditEntries", "Action", "'herschreven'")]
    [InlineData("Votes", "Choice", "'Against'")]
    [InlineData("Motions", "Outcome", "'Adopted'")]
    public async Task V16_4_2_An_upsert_is_refused_on_every_append_only_table(string table, string column, string value)
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();
        await CloseAsync(connection, motionId);
        await EnsureAuditEntryAsync();
        var where = table switch
        {
            "Votes" => $"\"Id\" = '{Key(voteId)}'",
            "Motions" => $"\"Id\" = '{Key(motionId)}'",
            _ => FirstRow(table),
        };
        var before = await DumpAsync(connection, table, where);
        Assert.NotEmpty(before);

        await ExecuteAsync(connection, $"""DROP TABLE IF EXISTS "Copy"; CREATE TEMP TABLE "Copy" AS SELECT * FROM "{table}" WHERE {where}; UPDATE "Copy" SET "{column}" = {value};""");
        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection,
            $"""INSERT INTO "{table}" SELECT * FROM "Copy" ON CONFLICT ("Id") DO UPDATE SET "{column}" = EXCLUDED."{column}" """));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(connection, table, where));
    }

    [Fact]
    public async Task V16_4_2_An_upsert_of_a_vote_is_refused_while_its_motion_is_open_too()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();
        var where = $"\"MotionId\" = '{Key(motionId)}'";
        var before = await DumpAsync(connection, "Votes", where);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection,
            $"""
            INSERT INTO "Votes" ("Id", "MotionId", "PersonId", "Choice", "CastAt")
            VALUES ('{Key(Guid.NewGuid())}', '{Key(motionId)}', '{Key(DemoPersons.Chair)}', 'Against', '2026-11-26 10:00:00+00:00')
            ON CONFLICT ("MotionId", "PersonId") DO UPDATE SET "Choice" = EXCLUDED."Choice"
            """));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(connection, "Votes", where));
        Assert.Equal(1, await ExecuteAsync(connection, $"""UPDATE "Votes" SET "Choice" = 'Against' WHERE "Id" = '{Key(voteId)}'"""));
    }

    [Theory]
    [InlineData("Decisions")]
    [InlineData("AuditEntries")]
    [InlineData("Votes")]
    [InlineData("Motions")]
    public async Task V16_4_2_Truncate_is_refused_on_every_append_only_table(string table)
    {
        await OpenMotionWithOneVoteAsync();
        await EnsureAuditEntryAsync();
        await using var connection = await OpenRawAsync();
        var before = await ScalarAsync(connection, $"""SELECT count(*) FROM "{table}" """);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, $"""TRUNCATE "{table}" CASCADE"""));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0L, before);
        Assert.Equal(before, await ScalarAsync(connection, $"""SELECT count(*) FROM "{table}" """));
    }
}
