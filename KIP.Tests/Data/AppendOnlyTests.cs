using System.Data.Common;
using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Data;

/// <summary>
/// Rulebook §6, "Record": decisions and votes are never edited or deleted afterwards — the database refuses it. The raw
/// SQL quotes its names, so the same statements run on SQLite (<see cref="AppendOnlyTests"/>) and PostgreSQL
/// (<see cref="PostgresAppendOnlyTests"/>); each engine's own ways round the rules are tried in its class.
/// </summary>
public abstract class AppendOnlyTestsBase(AppFixture fixture)
{
    protected AppFixture Fixture => fixture;

    /// <summary>A connection of its own (not KIP's), as a tool or an injected statement would have.</summary>
    protected async Task<DbConnection> OpenRawAsync()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var connection = (DbConnection)Activator.CreateInstance(db.Database.GetDbConnection().GetType())!;
        connection.ConnectionString = db.Database.GetConnectionString();
        await connection.OpenAsync();
        return connection;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_raw_SQL_update_of_a_decision_fails()
    {
        await using var connection = await OpenRawAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"""UPDATE "Decisions" SET "Motivation" = 'anders' WHERE {FirstRow("Decisions")}"""));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_SQL_delete_of_a_decision_fails()
    {
        await using var connection = await OpenRawAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, """DELETE FROM "Decisions" """));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_may_change_while_its_motion_is_open_and_is_frozen_once_closed()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();

        Assert.Equal(1, await ExecuteAsync(connection, $"""UPDATE "Votes" SET "Choice" = 'Against' WHERE "Id" = '{Key(voteId)}'"""));
        await ExecuteAsync(connection, $"""UPDATE "Motions" SET "ClosedAt" = '2026-11-26 10:00:00+00:00' WHERE "Id" = '{Key(motionId)}'""");

        var update = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"""UPDATE "Votes" SET "Choice" = 'For' WHERE "Id" = '{Key(voteId)}'"""));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"""DELETE FROM "Votes" WHERE "Id" = '{Key(voteId)}'"""));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_vote_by_the_same_member_on_a_motion_is_refused_by_the_database()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var db = await fixture.Db.CreateDbContextAsync();
        db.Votes.Add(new VoteRecord { Id = Guid.NewGuid(), MotionId = motionId, PersonId = DemoPersons.Chair, Choice = "Against", CastAt = DateTimeOffset.UtcNow });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("UNIQUE", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.Contains("one vote per member per motion", error.InnerException!.Message, StringComparison.Ordinal);
        await using var check = await fixture.Db.CreateDbContextAsync();
        Assert.Equal("For", (await check.Votes.SingleAsync(v => v.MotionId == motionId)).Choice);
        Assert.Equal(voteId, (await check.Votes.SingleAsync(v => v.MotionId == motionId)).Id);
    }

    [Fact]
    public async Task V16_4_2_A_closed_motion_cannot_be_reopened_by_clearing_ClosedAt_to_change_a_vote()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();
        await CloseAsync(connection, motionId);

        var reopen = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"""UPDATE "Motions" SET "ClosedAt" = NULL WHERE "Id" = '{Key(motionId)}'"""));
        var change = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"""UPDATE "Votes" SET "Choice" = 'Against' WHERE "Id" = '{Key(voteId)}'"""));

        Assert.Contains("append-only", reopen.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", change.Message, StringComparison.Ordinal);
        Assert.Equal("For", await ScalarAsync(connection, $"""SELECT "Choice" FROM "Votes" WHERE "Id" = '{Key(voteId)}'"""));
        Assert.NotNull(await ScalarAsync(connection, $"""SELECT "ClosedAt" FROM "Motions" WHERE "Id" = '{Key(motionId)}'"""));
    }

    [Theory]
    [InlineData("""UPDATE "Motions" SET "Outcome" = 'Adopted' WHERE "Id" = '{0}'""")]
    [InlineData("""UPDATE "Motions" SET "Kind" = 'Recognise', "RequiredQuorum" = 1 WHERE "Id" = '{0}'""")]
    [InlineData("""UPDATE "Motions" SET "ClosedAt" = '2020-01-01 00:00:00+00:00' WHERE "Id" = '{0}'""")]
    [InlineData("""DELETE FROM "Motions" WHERE "Id" = '{0}'""")]
    [InlineData("""UPDATE "Votes" SET "Choice" = 'Abstain' WHERE "MotionId" = '{0}'""")]
    [InlineData("""UPDATE "Votes" SET "CastAt" = '2020-01-01 00:00:00+00:00' WHERE "MotionId" = '{0}'""")]
    [InlineData("""DELETE FROM "Votes" WHERE "MotionId" = '{0}'""")]
    [InlineData("""INSERT INTO "Votes" ("Id", "MotionId", "PersonId", "Choice", "CastAt") VALUES ('{1}', '{0}', '{2}', 'For', '2026-11-26 10:00:00+00:00')""")]
    public async Task V16_4_2_A_closed_motion_and_its_votes_cannot_be_changed_or_deleted(string sql)
    {
        var (motionId, _) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();
        await CloseAsync(connection, motionId);
        var before = await RowsAsync(connection, motionId);

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, Key(motionId), Key(Guid.NewGuid()), Key(DemoPersons.BusinessMember))));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(connection, motionId));
    }

    [Fact]
    public async Task V16_4_2_An_upsert_over_a_decision_is_refused()
    {
        await using var connection = await OpenRawAsync();
        var where = FirstRow("Decisions");
        var before = await DumpAsync(connection, "Decisions", where);

        await ExecuteAsync(connection, $"""DROP TABLE IF EXISTS "Copy"; CREATE TEMP TABLE "Copy" AS SELECT * FROM "Decisions" WHERE {where};""");
        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, """INSERT INTO "Decisions" SELECT * FROM "Copy" WHERE true ON CONFLICT ("Id") DO UPDATE SET "Motivation" = 'herschreven'"""));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(connection, "Decisions", where));
    }

    [Fact]
    public async Task An_open_motion_still_takes_votes_changes_them_and_closes()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var db = await fixture.Db.CreateDbContextAsync();
        db.Votes.Add(new VoteRecord { Id = Guid.NewGuid(), MotionId = motionId, PersonId = DemoPersons.BusinessMember, Choice = "Against", CastAt = DateTimeOffset.UtcNow });
        (await db.Votes.SingleAsync(v => v.Id == voteId)).Choice = "Abstain";
        await db.SaveChangesAsync();

        var motion = await db.Motions.SingleAsync(m => m.Id == motionId);
        motion.ClosedAt = DateTimeOffset.UtcNow;
        motion.ClosedBy = DemoPersons.Chair;
        motion.Outcome = "Deferred";
        await db.SaveChangesAsync();

        await using var check = await fixture.Db.CreateDbContextAsync();
        Assert.Equal(["Abstain", "Against"], (await check.Votes.Where(v => v.MotionId == motionId).Select(v => v.Choice).ToListAsync()).Order());
        Assert.Equal("Deferred", (await check.Motions.SingleAsync(m => m.Id == motionId)).Outcome);
    }

    protected static string Key(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>The first row of an append-only table (each has an <c>Id</c>), in SQL both engines read.</summary>
    protected static string FirstRow(string table) => $"""
        "Id" = (SELECT "Id" FROM "{table}" ORDER BY "Id" LIMIT 1)
        """;

    protected static Task<int> CloseAsync(DbConnection connection, Guid motionId) =>
        ExecuteAsync(connection, $"""UPDATE "Motions" SET "ClosedAt" = '2026-11-26 10:00:00+00:00', "ClosedBy" = '{Key(DemoPersons.Chair)}', "Outcome" = 'VotedDown' WHERE "Id" = '{Key(motionId)}'""");

    protected static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Every column of the matching rows, as text, to compare before and after an attempt.</summary>
    protected static async Task<List<string>> DumpAsync(DbConnection connection, string table, string where)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT * FROM "{table}" WHERE {where} ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    protected static async Task<List<string>> RowsAsync(DbConnection connection, Guid motionId) =>
        [.. await DumpAsync(connection, "Motions", $"""
            "Id" = '{Key(motionId)}'
            """), .. await DumpAsync(connection, "Votes", $"""
            "MotionId" = '{Key(motionId)}'
            """)];

    protected async Task EnsureAuditEntryAsync()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        db.Record(DateTimeOffset.UtcNow, DemoPersons.Chair, "test.append-only", "record");
        await db.SaveChangesAsync();
    }

    protected async Task<(Guid Motion, Guid Vote)> OpenMotionWithOneVoteAsync()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var entry = await db.AgendaEntries.FirstAsync();
        var motion = new MotionRecord
        {
            Id = Guid.NewGuid(),
            AgendaEntryId = entry.Id,
            Kind = "Reject",
            OpenedBy = DemoPersons.Chair,
            OpenedAt = DateTimeOffset.UtcNow,
            RequiredQuorum = 3,
        };
        var vote = new VoteRecord { Id = Guid.NewGuid(), MotionId = motion.Id, PersonId = DemoPersons.Chair, Choice = "For", CastAt = DateTimeOffset.UtcNow };
        db.Motions.Add(motion);
        db.Votes.Add(vote);
        await db.SaveChangesAsync();
        return (motion.Id, vote.Id);
    }
}

/// <summary>
/// The rules on SQLite, and SQLite's own way round them: its REPLACE deletes the row it conflicts with without firing
/// delete triggers (unless recursive_triggers is on). docs/decisions/013.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AppendOnlyTests(AppFixture fixture) : AppendOnlyTestsBase(fixture)
{
    /// <summary>The raw attempt copies a row, changes it, and writes it back with each form of replace.</summary>
    [Theory]
    [InlineData("Decisions", "\"Motivation\" = 'herschreven'", "INSERT OR REPLACE INTO")]
    [InlineData("Decisions", "\"Outcome\" = 'rejected'", "REPLACE INTO")]
    [InlineData("AuditEntries", "\"Action\" = 'herschreven'", "INSERT OR REPLACE INTO")]
    [InlineData("AuditEntries", "\"Details\" = 'herschreven'", "REPLACE INTO")]
    [InlineData("Votes", "\"Choice\" = 'Against'", "INSERT OR REPLACE INTO")]
    [InlineData("Votes", "\"Id\" = upper(hex(randomblob(16))), \"Choice\" = 'Against'", "INSERT OR REPLACE INTO")]
    [InlineData("Motions", "\"Outcome\" = 'Adopted'", "INSERT OR REPLACE INTO")]
    public async Task V16_4_2_Insert_or_replace_is_refused_on_every_append_only_table(string table, string change, string replace)
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

        await ExecuteAsync(connection, $"""DROP TABLE IF EXISTS temp.Copy; CREATE TEMP TABLE Copy AS SELECT * FROM "{table}" WHERE {where}; UPDATE temp.Copy SET {change};""");
        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, $"""{replace} "{table}" SELECT * FROM temp.Copy"""));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(connection, table, where));
    }

    [Fact]
    public async Task V16_4_2_Insert_or_replace_of_a_vote_is_refused_while_its_motion_is_open_too()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();
        var where = $"\"MotionId\" = '{Key(motionId)}'";
        var before = await DumpAsync(connection, "Votes", where);

        // A new row id for the same member: REPLACE would delete the cast vote (a vote is never deleted).
        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection,
            $"""INSERT OR REPLACE INTO "Votes" ("Id", "MotionId", "PersonId", "Choice", "CastAt") VALUES ('{Key(Guid.NewGuid())}', '{Key(motionId)}', '{Key(DemoPersons.Chair)}', 'Against', '2026-11-26 10:00:00+00:00')"""));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DumpAsync(connection, "Votes", where));
        Assert.Equal(1, await ExecuteAsync(connection, $"""UPDATE "Votes" SET "Choice" = 'Against' WHERE "Id" = '{Key(voteId)}'"""));
    }
}
