using KIP.Domain;
using KIP.Domain.Commission;
using static KIP.Tests.Domain.TestDates;

namespace KIP.Tests.Domain;

public class SeatRegisterTests
{
    private static readonly Guid Organisation = Guid.NewGuid();

    [Fact]
    public void A_seat_is_held_by_at_most_one_member_at_a_time()
    {
        var register = new SeatRegister();
        register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2026-01-01"), D("2027-12-31"));

        var thrown = Assert.Throws<DomainException>(() =>
            register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2027-12-31"), D("2028-12-31")));

        Assert.Equal("seat.overlap", thrown.Code);
        register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2028-01-01"), D("2028-12-31"));
        register.Appoint(Seat.SroiIJmond, Guid.NewGuid(), D("2026-01-01"), D("2027-12-31"));
        Assert.Equal(3, register.Terms.Count);
    }

    [Fact]
    public void A_term_ended_early_frees_the_seat_from_that_day()
    {
        var register = new SeatRegister();
        var term = register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2026-01-01"), D("2027-12-31"));

        register.EndTerm(term.Id, D("2026-07-01"));

        Assert.True(term.HoldsOn(D("2026-06-30")));
        Assert.False(term.HoldsOn(D("2026-07-01")));
        register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2026-07-01"), D("2027-12-31"));
    }

    [Fact]
    public void A_term_cannot_end_before_it_starts() =>
        Assert.Equal("seat.end-before-start", Assert.Throws<DomainException>(() =>
            new SeatRegister().Appoint(Seat.SroiIJmond, Guid.NewGuid(), D("2026-01-02"), D("2026-01-01"))).Code);

    [Theory]
    [InlineData("2027-01-31", true)]
    [InlineData("2027-02-01", false)]
    public void The_business_seat_term_is_at_most_one_year(string end, bool allowed)
    {
        var register = new SeatRegister();

        var appoint = () => register.Appoint(Seat.Business, Guid.NewGuid(), D("2026-02-01"), D(end), Organisation, organisationRecognised: true);

        if (allowed)
        {
            Assert.Equal(D(end), appoint().End);
        }
        else
        {
            Assert.Equal("seat.business-term-too-long", Assert.Throws<DomainException>(appoint).Code);
        }
    }

    [Fact]
    public void The_business_representative_comes_from_a_recognised_organisation()
    {
        var register = new SeatRegister();

        Assert.Equal("seat.business-not-recognised", Assert.Throws<DomainException>(() =>
            register.Appoint(Seat.Business, Guid.NewGuid(), D("2026-02-01"), D("2026-12-31"), Organisation, organisationRecognised: false)).Code);
        Assert.Equal("seat.business-not-recognised", Assert.Throws<DomainException>(() =>
            register.Appoint(Seat.Business, Guid.NewGuid(), D("2026-02-01"), D("2026-12-31"), null, organisationRecognised: true)).Code);
    }

    [Fact]
    public void Holders_on_a_date_are_the_members_whose_term_covers_it()
    {
        var register = new SeatRegister();
        var first = Guid.NewGuid();
        register.Appoint(Seat.SroiIJmond, first, D("2026-01-01"), D("2026-06-30"));
        register.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2026-03-01"), D("2026-12-31"));

        Assert.Equal([first], register.HoldersOn(D("2026-02-01")).Select(t => t.PersonId));
        Assert.Equal([Seat.SroiIJmond, Seat.HaarlemImpact], register.HoldersOn(D("2026-06-30")).Select(t => t.Seat));
        Assert.Equal([Seat.HaarlemImpact], register.HoldersOn(D("2026-07-01")).Select(t => t.Seat));
    }
}

public class SeatWarningTests
{
    private static readonly Guid Organisation = Guid.NewGuid();

    private static SeatRegister FullRegister(string end = "2026-12-31")
    {
        var register = new SeatRegister();
        foreach (var seat in Seat.All.Where(s => !s.IsBusiness))
        {
            register.Appoint(seat, Guid.NewGuid(), D("2026-01-01"), D("2027-12-31"));
        }

        register.Appoint(Seat.Business, Guid.NewGuid(), D("2026-01-01"), D(end), Organisation, organisationRecognised: true);
        return register;
    }

    [Fact]
    public void A_full_commission_with_a_recognised_representative_has_no_warnings() =>
        Assert.Empty(FullRegister().WarningsOn(D("2026-06-01"), _ => true));

    [Fact]
    public void The_team_is_warned_when_the_business_representatives_organisation_stops_being_recognised()
    {
        var register = FullRegister();

        var warning = Assert.Single(register.WarningsOn(D("2026-06-01"), id => id != Organisation));

        Assert.Equal((SeatWarningKind.BusinessRepresentativeNotRecognised, Seat.Business), (warning.Kind, warning.Seat));
        Assert.NotNull(register.HolderOn(Seat.Business, D("2026-06-01")));
    }

    [Fact]
    public void An_empty_seat_is_warned() =>
        Assert.Contains(
            new SeatRegister().WarningsOn(D("2026-06-01"), _ => true),
            w => w.Kind == SeatWarningKind.SeatEmpty && w.Seat == Seat.HaarlemWerkInkomen);

    [Theory]
    [InlineData("2026-12-01", true)]
    [InlineData("2026-11-30", false)]
    public void A_term_ending_within_30_days_without_a_successor_is_warned(string today, bool warned)
    {
        var warnings = FullRegister().WarningsOn(D(today), _ => true);

        Assert.Equal(warned, warnings.Any(w => w.Kind == SeatWarningKind.TermEndsSoon && w.Seat == Seat.Business && w.Date == D("2026-12-31")));
    }

    [Fact]
    public void A_term_ending_soon_with_a_successor_is_not_warned()
    {
        var register = FullRegister();
        register.Appoint(Seat.Business, Guid.NewGuid(), D("2027-01-01"), D("2027-12-31"), Organisation, organisationRecognised: true);

        Assert.Empty(register.WarningsOn(D("2026-12-15"), _ => true));
    }
}

public class MeetingRuleTests
{
    [Fact]
    public void Fewer_than_two_meetings_in_a_calendar_year_is_warned()
    {
        var warning = MeetingRule.Check(2026, [D("2026-03-01"), D("2025-11-01"), D("2027-01-10")]);

        Assert.Equal(new MeetingWarning(2026, 1, 2), warning);
    }

    [Fact]
    public void Two_meetings_held_or_planned_in_the_year_are_enough() =>
        Assert.Null(MeetingRule.Check(2026, [D("2026-03-01"), D("2026-11-01")]));
}

public class MeetingWarningsOnTests
{
    [Fact]
    public void In_December_a_next_year_with_one_meeting_planned_is_warned_too()
    {
        var warnings = MeetingRule.WarningsOn(D("2026-12-10"), [D("2026-03-01"), D("2026-11-01"), D("2027-02-01")]);

        Assert.Equal([new MeetingWarning(2027, 1, 2)], warnings);
    }

    [Fact]
    public void Both_years_are_warned_when_both_fall_short_and_none_when_both_have_two()
    {
        Assert.Equal([new MeetingWarning(2026, 1, 2), new MeetingWarning(2027, 0, 2)], MeetingRule.WarningsOn(D("2026-12-10"), [D("2026-03-01")]));
        Assert.Empty(MeetingRule.WarningsOn(D("2026-12-10"), [D("2026-03-01"), D("2026-11-01"), D("2027-02-01"), D("2027-09-01")]));
    }

    [Fact]
    public void A_past_year_short_of_meetings_is_no_longer_warned() =>
        Assert.Empty(MeetingRule.WarningsOn(D("2027-01-05"), [D("2027-02-01"), D("2027-06-01"), D("2028-02-01"), D("2028-06-01")]));
}

public class CoordinationAlertsTests
{
    private static readonly DateOnly Today = D("2026-12-10");

    private static (SeatRegister Seats, SeatTerm Business, SeatTerm Ending) Register()
    {
        var seats = new SeatRegister();
        var business = seats.Appoint(Seat.Business, Guid.NewGuid(), D("2026-06-01"), D("2027-05-31"), Guid.NewGuid(), organisationRecognised: true);
        var ending = seats.Appoint(Seat.SroiIJmond, Guid.NewGuid(), D("2025-01-01"), D("2027-01-09"));
        seats.Appoint(Seat.SroiZuidKennemerland, Guid.NewGuid(), D("2025-01-01"), D("2028-12-31"));
        seats.Appoint(Seat.HaarlemImpact, Guid.NewGuid(), D("2025-01-01"), D("2028-12-31"));
        seats.Appoint(Seat.HaarlemWerkInkomen, Guid.NewGuid(), D("2025-01-01"), D("2028-12-31"));
        return (seats, business, ending);
    }

    [Fact]
    public void A_term_ending_within_30_days_is_one_event_named_by_the_term_and_its_last_day()
    {
        var (seats, _, ending) = Register();

        var alerts = CoordinationAlerts.On(Today, seats, _ => true, []);
        var later = CoordinationAlerts.On(Today.AddDays(10), seats, _ => true, []);

        Assert.Equal([new CoordinationAlert(CoordinationAlertKind.TermEndsSoon, $"term-ends:{ending.Id}:2027-01-09", Seat.SroiIJmond, ending.Id, D("2027-01-09"))], alerts);
        Assert.Equal(alerts, later);
        Assert.Empty(CoordinationAlerts.On(Today.AddDays(-1), seats, _ => true, []));
    }

    [Fact]
    public void A_seat_emptied_twice_is_two_events()
    {
        var (seats, _, ending) = Register();
        var first = CoordinationAlerts.On(D("2027-01-10"), seats, _ => true, []).Single(a => a.Kind == CoordinationAlertKind.SeatEmpty);
        var next = seats.Appoint(Seat.SroiIJmond, Guid.NewGuid(), D("2027-01-20"), D("2027-03-31"));

        var second = CoordinationAlerts.On(D("2027-04-01"), seats, _ => true, []).Single(a => a.Kind == CoordinationAlertKind.SeatEmpty);

        Assert.Equal($"seat-empty:sroi-ijmond:{ending.Id}", first.Key);
        Assert.Equal($"seat-empty:sroi-ijmond:{next.Id}", second.Key);
        Assert.DoesNotContain(CoordinationAlerts.On(D("2027-02-01"), seats, _ => true, []), a => a.Kind == CoordinationAlertKind.SeatEmpty);
    }

    [Fact]
    public void The_business_representatives_organisation_no_longer_recognised_is_an_event_of_the_term()
    {
        var (seats, business, _) = Register();

        var alert = CoordinationAlerts.On(Today, seats, id => id != business.OrganisationId, []).Single(a => a.Kind == CoordinationAlertKind.BusinessRepresentativeNotRecognised);

        Assert.Equal($"business-not-recognised:{business.Id}", alert.Key);
    }

    [Fact]
    public void Every_occupied_seat_recused_on_an_item_is_an_event_one_seat_left_is_not()
    {
        var (seats, _, _) = Register();
        var members = seats.HoldersOn(Today).Select(t => t.PersonId).ToList();
        var meeting = Guid.NewGuid();
        var all = new AgendaItemRecusals(meeting, Today, Guid.NewGuid(), members);
        var allButOne = new AgendaItemRecusals(meeting, Today, Guid.NewGuid(), members.Skip(1).ToList());
        var longAgo = new AgendaItemRecusals(Guid.NewGuid(), Today.AddDays(-RecognitionPolicy.RecusalAlertLookbackDays - 1), Guid.NewGuid(), members);

        var alerts = CoordinationAlerts.On(Today, seats, _ => true, [all, allButOne, longAgo]).Where(a => a.Kind == CoordinationAlertKind.AllSeatsRecused).ToList();

        Assert.Equal([$"all-recused:{all.AgendaItemId}"], alerts.Select(a => a.Key));
        Assert.Equal((meeting, Today), (alerts[0].MeetingId!.Value, alerts[0].Date!.Value));
    }
}
