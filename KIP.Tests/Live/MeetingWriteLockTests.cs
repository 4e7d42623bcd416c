using KIP.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Live;

/// <summary>
/// docs/decisions/014: the seam that serialises a live session's commands. While one command holds the meeting's
/// write lock, a second command on the meeting waits, and when it goes on it reads what the first stored.
/// </summary>
[Collection(LiveCollection.Name)]
public class MeetingWriteLockTests(LiveApp live)
{
    protected LiveApp Live => live;

    [Fact]
    public async Task A_second_command_on_the_meeting_waits_until_the_first_commits_and_then_reads_its_change()
    {
        var (meeting, _, _) = await LiveApp.PlanMeetingAsync(live.Db, LiveApp.Taalcafe, "non-profit");
        var writeLock = live.App.Services.GetRequiredService<IMeetingWriteLock>();
        await using var first = await live.Db.CreateDbContextAsync();
        var held = await writeLock.AcquireAsync(first, meeting);
        (await first.Meetings.SingleAsync(m => m.Id == meeting)).Place = "Raadzaal Velsen";
        await first.SaveChangesAsync();

        var second = Task.Run(async () =>
        {
            await using var db = await live.Db.CreateDbContextAsync();
            await using var transaction = await writeLock.AcquireAsync(db, meeting);
            var place = (await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == meeting)).Place;
            await transaction.CommitAsync();
            return place;
        });

        // Without the lock the second would have read the old place at once (WAL readers do not wait).
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2))));
        await held.CommitAsync();
        await held.DisposeAsync();
        Assert.Equal("Raadzaal Velsen", await second.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
