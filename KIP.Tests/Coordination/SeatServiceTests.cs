using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Coordination;
using KIP.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Coordination;

/// <summary>Rulebook §5 through the coordination team's seat service: refusals in Dutch, audit, access.</summary>
public sealed class SeatServiceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> WithServiceAsync<T>(Func<SeatService, IServiceProvider, Task<T>> act)
    {
        using var scope = app.App.Services.CreateScope();
        return await act(scope.ServiceProvider.GetRequiredService<SeatService>(), scope.ServiceProvider);
    }

    private static DateOnly Today => AmsterdamCalendar.Today(TimeProvider.System);

    [Fact]
    public async Task A_business_representative_from_an_organisation_that_is_not_recognised_is_refused_in_Dutch()
    {
        var result = await WithServiceAsync((s, _) => s.AppointAsync(TestUsers.Coordinator,
            new Appointment(Seat.Business, DemoPersons.Entrepreneur, null, null, Today.AddYears(2), Today.AddYears(2).AddMonths(6), DemoPersons.FietsenmakerijId)));

        Assert.Equal("DomainError.seat.business-not-recognised", result.ErrorKey);
        var text = await WithServiceAsync((_, sp) => Task.FromResult(TestUsers.Dutch(sp, result.ErrorKey!)));
        Assert.Contains("erkend", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_business_term_over_one_year_is_refused_in_Dutch()
    {
        var start = Today.AddYears(3);
        var result = await WithServiceAsync((s, _) => s.AppointAsync(TestUsers.Coordinator,
            new Appointment(Seat.Business, DemoPersons.BusinessMember, null, null, start, start.AddYears(1).AddDays(1), DemoPersons.CateringMetKansenId)));

        Assert.Equal("DomainError.seat.business-term-too-long", result.ErrorKey);
        // The form names the policy's longest term (RecognitionPolicy.BusinessSeatMaxTermYears) in the sentence.
        var text = await WithServiceAsync((_, sp) => Task.FromResult(string.Format(
            System.Globalization.CultureInfo.InvariantCulture, TestUsers.Dutch(sp, result.ErrorKey!), TestUsers.Dutch(sp, "Policy.Years.One"))));
        Assert.Contains("hoogstens één jaar", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overlapping_term_is_refused_in_Dutch_and_nothing_is_stored()
    {
        var before = await CountAsync();
        var result = await WithServiceAsync((s, _) => s.AppointAsync(TestUsers.Coordinator,
            new Appointment(Seat.SroiIJmond, DemoPersons.WerkInkomenMember, null, null, Today, Today.AddMonths(3), null)));

        Assert.Equal("DomainError.seat.overlap", result.ErrorKey);
        var text = await WithServiceAsync((_, sp) => Task.FromResult(TestUsers.Dutch(sp, result.ErrorKey!)));
        Assert.Contains("overlappen", text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("officer")]
    [InlineData("chair")]
    [InlineData("entrepreneur")]
    public async Task Only_the_coordination_team_can_appoint_or_end_a_term_even_calling_the_service(string who)
    {
        var user = who switch { "officer" => TestUsers.Officer, "chair" => TestUsers.Chair, _ => TestUsers.Entrepreneur };
        var before = await CountAsync();
        var holder = (await WithServiceAsync((s, _) => s.OverviewAsync())).Seats.Single(r => r.Seat == Seat.HaarlemWerkInkomen).Holder!;

        var appoint = await WithServiceAsync((s, _) => s.AppointAsync(user,
            new Appointment(Seat.HaarlemWerkInkomen, null, "Indringer", "indringer@example.nl", Today.AddYears(5), Today.AddYears(6), null)));
        var end = await WithServiceAsync((s, _) => s.EndTermAsync(user, holder.Id));

        Assert.Equal(ActionResult.NotAllowed, appoint);
        Assert.Equal(ActionResult.NotAllowed, end);
        Assert.Equal(before, await CountAsync());
        await using var db = await app.Db.CreateDbContextAsync();
        Assert.Null((await db.SeatTerms.SingleAsync(t => t.Id == holder.Id)).EndedEarlyOn);
    }

    [Fact]
    public async Task Appointing_a_new_person_and_ending_a_term_are_stored_with_an_audit_entry_and_warn_of_the_empty_seat()
    {
        var holder = (await WithServiceAsync((s, _) => s.OverviewAsync())).Seats.Single(r => r.Seat == Seat.SroiZuidKennemerland).Holder!;

        var end = await WithServiceAsync((s, _) => s.EndTermAsync(TestUsers.Coordinator, holder.Id));

        Assert.True(end.Succeeded, end.ErrorKey);
        var overview = await WithServiceAsync((s, _) => s.OverviewAsync());
        Assert.Null(overview.Seats.Single(r => r.Seat == Seat.SroiZuidKennemerland).Holder);
        Assert.Contains(overview.Warnings, w => w.Kind == SeatWarningKind.SeatEmpty && w.Seat == Seat.SroiZuidKennemerland);

        var appoint = await WithServiceAsync((s, _) => s.AppointAsync(TestUsers.Coordinator,
            new Appointment(Seat.SroiZuidKennemerland, null, "Nieuw Lid", "nieuw.lid@haarlem.example.nl", Today, Today.AddDays(20), null)));

        Assert.True(appoint.Succeeded, appoint.ErrorKey);
        overview = await WithServiceAsync((s, _) => s.OverviewAsync());
        var row = overview.Seats.Single(r => r.Seat == Seat.SroiZuidKennemerland);
        Assert.Equal("Nieuw Lid", row.Holder!.PersonName);
        Assert.Equal(2, row.History.Count);
        Assert.Contains(overview.Warnings, w => w.Kind == SeatWarningKind.TermEndsSoon && w.Seat == Seat.SroiZuidKennemerland);
        await using var db = await app.Db.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.Subject == "seat:sroi-zuid-kennemerland").ToListAsync();
        Assert.Contains(audit, a => a.Action == "seat.end-term" && a.PersonId == DemoPersons.Coordinator);
        Assert.Contains(audit, a => a.Action == "seat.appoint" && a.PersonId == DemoPersons.Coordinator && a.Details!.Contains("Nieuw Lid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_business_representative_of_a_recognised_organisation_is_appointed_after_the_current_term()
    {
        var current = (await WithServiceAsync((s, _) => s.OverviewAsync())).Seats.Single(r => r.Seat == Seat.Business).Holder!;
        var start = current.LastDay.AddDays(1);

        var result = await WithServiceAsync((s, _) => s.AppointAsync(TestUsers.Coordinator,
            new Appointment(Seat.Business, DemoPersons.BusinessMember, null, null, start, RecognitionPolicy.BusinessSeatLatestEnd(start), DemoPersons.CateringMetKansenId)));

        Assert.True(result.Succeeded, result.ErrorKey);
    }

    private async Task<int> CountAsync()
    {
        await using var db = await app.Db.CreateDbContextAsync();
        return await db.SeatTerms.CountAsync() + await db.Persons.CountAsync();
    }
}
