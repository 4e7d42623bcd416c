using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Live;

/// <summary>
/// The live session's record under concurrency on PostgreSQL (docs/decisions/014): every test of
/// <see cref="ReviewSessionServiceTests"/> — the 50× parallel tally, the duplicate vote, the vote racing the close —
/// with the meeting's row lock instead of SQLite's write lock, on a database of its own.
/// </summary>
[Collection("postgres-review-session")]
public sealed class PostgresReviewSessionServiceTests(PostgresLiveApp live) : ReviewSessionServiceTests(live), IClassFixture<PostgresLiveApp>;

/// <summary>
/// The seam on PostgreSQL: a second command on the meeting waits for the first's row lock (<see cref="MeetingWriteLockTests"/>),
/// and — unlike SQLite's one write lock — a command on another meeting goes on at once.
/// </summary>
[Collection("postgres-meeting-write-lock")]
public sealed class PostgresMeetingWriteLockTests(PostgresLiveApp live) : MeetingWriteLockTests(live), IClassFixture<PostgresLiveApp>
{
    [Fact]
    public async Task A_command_on_another_meeting_writes_while_the_first_meeting_is_locked()
    {
        var (meeting, _, _) = await LiveApp.PlanMeetingAsync(Live.Db, LiveApp.Taalcafe, "non-profit");
        var (other, _, _) = await LiveApp.PlanMeetingAsync(Live.Db, LiveApp.Taalcafe, "non-profit");
        var writeLock = Live.App.Services.GetRequiredService<IMeetingWriteLock>();
        Assert.IsType<PostgresMeetingWriteLock>(writeLock);
        await using var first = await Live.Db.CreateDbContextAsync();
        await using var held = await writeLock.AcquireAsync(first, meeting);

        var second = Task.Run(async () =>
        {
            await using var db = await Live.Db.CreateDbContextAsync();
            await using var transaction = await writeLock.AcquireAsync(db, other);
            (await db.Meetings.SingleAsync(m => m.Id == other)).Place = "Raadzaal Beverwijk";
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        // The first meeting's lock is still held: the other meeting's command finishes anyway.
        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(20))));
        await second;
        await held.CommitAsync();
        await using var check = await Live.Db.CreateDbContextAsync();
        Assert.Equal("Raadzaal Beverwijk", (await check.Meetings.SingleAsync(m => m.Id == other)).Place);
    }
}
