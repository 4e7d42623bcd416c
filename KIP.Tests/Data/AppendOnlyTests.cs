using KIP.Tests.Infrastructure;
using KIP.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KIP.Tests.Data;

/// <summary>Rulebook §6, "Record": decisions and votes are never edited or deleted afterwards — the database refuses it.</summary>
[Collection(AppCollection.Name)]
public sealed class AppendOnlyTests(AppFixture fixture)
{
    private async Task<SqliteConnection> OpenRawAsync()
    {
        await using var db = await fixture.Db.CreateDbContextAsync();
        var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_raw_SQL_update_of_a_decision_fails()
    {
        await using var connection = await OpenRawAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            ExecuteAsync(connection, "UPDATE Decisions SET Motivation = 'anders' WHERE rowid = (SELECT min(rowid) FROM Decisions)"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_SQL_delete_of_a_decision_fails()
    {
        await using var connection = await OpenRawAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "DELETE FROM Decisions"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_may_change_while_its_motion_is_open_and_is_frozen_once_closed()
    {
        var (motionId, voteId) = await OpenMotionWithOneVoteAsync();
        await using var connection = await OpenRawAsync();

        Assert.Equal(1, await ExecuteAsync(connection, $"UPDATE Votes SET Choice = 'Against' WHERE Id = '{voteId.ToString().ToUpperInvariant()}'"));
        await ExecuteAsync(connection, $"UPDATE Motions SET ClosedAt = '2026-11-26 10:00:00+00:00' WHERE Id = '{motionId.ToString().ToUpperInvariant()}'");

        var update = await Assert.ThrowsAsync<SqliteException>(() =>
            ExecuteAsync(connection, $"UPDATE Votes SET Choice = 'For' WHERE Id = '{voteId.ToString().ToUpperInvariant()}'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() =>
            ExecuteAsync(connection, $"DELETE FROM Votes WHERE Id = '{voteId.ToString().ToUpperInvariant()}'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_vote_by_the_same_member_on_a_motion_is_refused_by_a_unique_index()
    {
        var (motionId, _) = await OpenMotionWithOneVoteAsync();
        await using var db = await fixture.Db.CreateDbContextAsync();
        db.Votes.Add(new VoteRecord { Id = Guid.NewGuid(), MotionId = motionId, PersonId = DemoPersons.Chair, Choice = "Against", CastAt = DateTimeOffset.UtcNow });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("UNIQUE", error.InnerException!.Message, StringComparison.Ordinal);
    }

    private async Task<(Guid Motion, Guid Vote)> OpenMotionWithOneVoteAsync()
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
