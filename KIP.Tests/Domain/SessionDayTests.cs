using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Domain.Voting;

namespace KIP.Tests.Domain;

/// <summary>Decision 010: a session is held on the day it carries; opening it on another day first moves it there.</summary>
public class SessionDayTests
{
    private static readonly DateOnly Planned = new(2026, 12, 16);
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 0, 0, TimeSpan.FromHours(1));

    private static (ReviewSession Session, SeatRegister Seats, Guid Chair, Guid Leaving, Guid Arriving) Plan()
    {
        var seats = new SeatRegister();
        var chair = Guid.NewGuid();
        var leaving = Guid.NewGuid();
        var arriving = Guid.NewGuid();
        seats.Appoint(Seat.HaarlemImpact, chair, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        seats.Appoint(Seat.SroiIJmond, leaving, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 10));
        seats.Appoint(Seat.SroiZuidKennemerland, arriving, new DateOnly(2026, 12, 11), new DateOnly(2027, 12, 31));
        return (ReviewSession.Plan(Guid.NewGuid(), Planned, chair, seats), seats, chair, leaving, arriving);
    }

    [Fact]
    public void Opening_on_another_day_than_planned_is_refused_and_nothing_changes()
    {
        var (session, _, chair, _, _) = Plan();

        var refused = Assert.Throws<DomainException>(() => session.Open(chair, Now, Today));

        Assert.Equal("session.other-day", refused.Code);
        Assert.Equal(ReviewSessionStatus.Planned, session.Status);
        Assert.Equal(Planned, session.Date);
    }

    [Fact]
    public void Moved_to_today_it_opens_and_its_members_are_the_seat_holders_of_today()
    {
        var (session, seats, chair, leaving, arriving) = Plan();
        Assert.Contains(arriving, session.Members);

        session.MoveTo(Today, seats);
        session.Open(chair, Now, Today);

        Assert.Equal(Today, session.Date);
        Assert.Equal(ReviewSessionStatus.Open, session.Status);
        Assert.Contains(leaving, session.Members);
        Assert.DoesNotContain(arriving, session.Members);
    }

    [Fact]
    public void A_session_cannot_move_to_a_day_its_chair_holds_no_seat_nor_once_opened()
    {
        var (session, seats, chair, _, _) = Plan();

        Assert.Equal("session.chair-not-member", Assert.Throws<DomainException>(() => session.MoveTo(new DateOnly(2028, 1, 10), seats)).Code);
        Assert.Equal(Planned, session.Date);

        session.Open(chair, Now, Planned);
        Assert.Equal("session.not-planned", Assert.Throws<DomainException>(() => session.MoveTo(Today, seats)).Code);
    }
}
