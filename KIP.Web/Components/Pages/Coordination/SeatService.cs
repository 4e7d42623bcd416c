using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Commission;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Coordination;

public sealed record SeatTermView(
    Guid Id, Seat Seat, Guid PersonId, string PersonName, DateOnly Start, DateOnly End, DateOnly LastDay, DateOnly? EndedEarlyOn, string? OrganisationName);

public sealed record SeatRow(Seat Seat, SeatTermView? Holder, IReadOnlyList<SeatTermView> History);

public sealed record SeatOverview(DateOnly Today, IReadOnlyList<SeatRow> Seats, IReadOnlyList<SeatWarning> Warnings);

public sealed record PersonOption(Guid Id, string Name, string Email, IReadOnlyList<(Guid Id, string Name, bool Recognised)> Organisations);

/// <summary>What the coordination team fills in to appoint a member: an existing person, or a new one by name and e-mail.</summary>
public sealed record Appointment(Seat Seat, Guid? PersonId, string? NewName, string? NewEmail, DateOnly Start, DateOnly End, Guid? OrganisationId);

/// <summary>
/// The commission's seats and terms for the coordination team (rulebook §5). Every rule is
/// <see cref="SeatRegister"/>'s; this loads the register, applies one change and saves it with its audit entry.
/// </summary>
public sealed class SeatService(IDbContextFactory<KipDbContext> factory, PolicyGuard guard, TimeProvider time)
{
    public const int NameMaxLength = 200;

    public async Task<SeatOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var terms = await db.SeatTerms.AsNoTracking().ToListAsync(cancellationToken);
        var names = await db.Persons.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var organisationIds = terms.Where(t => t.OrganisationId is not null).Select(t => t.OrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToListAsync(cancellationToken);
        var register = new SeatRegister(terms);
        var warnings = register.WarningsOn(today, id => organisations.Any(o => o.Id == id && o.IsRecognisedOn(today)));

        SeatTermView View(SeatTerm t) => new(
            t.Id, t.Seat, t.PersonId, names.GetValueOrDefault(t.PersonId) ?? string.Empty, t.Start, t.End, t.LastDay, t.EndedEarlyOn,
            organisations.FirstOrDefault(o => o.Id == t.OrganisationId)?.Name);

        var rows = Seat.All.Select(seat => new SeatRow(
            seat,
            register.HolderOn(seat, today) is { } holder ? View(holder) : null,
            [.. terms.Where(t => t.Seat == seat).OrderByDescending(t => t.Start).Select(View)])).ToList();
        return new SeatOverview(today, rows, warnings);
    }

    /// <summary>Persons to choose from, with the organisations they act for and whether each is recognised today.</summary>
    public async Task<IReadOnlyList<PersonOption>> PersonsAsync(CancellationToken cancellationToken = default)
    {
        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var persons = await db.Persons.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var members = await db.OrganisationMembers.AsNoTracking().ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, cancellationToken);
        return [.. persons.Select(p => new PersonOption(p.Id, p.Name, p.Email, [.. members.Where(m => m.PersonId == p.Id && organisations.ContainsKey(m.OrganisationId))
            .Select(m => organisations[m.OrganisationId])
            .Select(o => (o.Id, o.Name, o.IsRecognisedOn(today)))]))];
    }

    /// <summary>
    /// §5: appoints a member. The business seat takes a person from an organisation they act for that is
    /// recognised today and on the term's start; the register refuses it otherwise, and a term over a year.
    /// </summary>
    public async Task<ActionResult> AppointAsync(ClaimsPrincipal user, Appointment appointment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appointment);
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return ActionResult.NotAllowed;
        }

        var today = AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Person? person;
        if (appointment.PersonId is { } personId)
        {
            person = await db.Persons.FindAsync([personId], cancellationToken);
            if (person is null)
            {
                return ActionResult.Refused("Seats.Error.PersonUnknown");
            }
        }
        else
        {
            var name = appointment.NewName?.Trim();
            var email = appointment.NewEmail?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
            {
                return ActionResult.Refused("Seats.Error.NameRequired");
            }

            if (string.IsNullOrEmpty(email) || !System.Net.Mail.MailAddress.TryCreate(email, out _) || email.Length > NameMaxLength)
            {
                return ActionResult.Refused("Seats.Error.EmailInvalid");
            }

            if (await db.Persons.AnyAsync(p => p.Email == email, cancellationToken))
            {
                return ActionResult.Refused("Seats.Error.EmailTaken");
            }

            person = new Person { Id = Guid.NewGuid(), Name = name, Email = email };
            db.Persons.Add(person);
        }

        var recognised = false;
        if (appointment.Seat.IsBusiness && appointment.OrganisationId is { } organisationId)
        {
            var isMember = await db.OrganisationMembers.AnyAsync(m => m.PersonId == person.Id && m.OrganisationId == organisationId, cancellationToken);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
            recognised = isMember && organisation is not null && organisation.IsRecognisedOn(today) && organisation.IsRecognisedOn(appointment.Start);
        }

        var register = new SeatRegister(await db.SeatTerms.ToListAsync(cancellationToken));
        try
        {
            var term = register.Appoint(appointment.Seat, person.Id, appointment.Start, appointment.End, appointment.OrganisationId, recognised);
            db.SeatTerms.Add(term);
            db.Record(time.GetUtcNow(), actor, "seat.appoint", $"seat:{term.Seat.Code}",
                $"term {term.Id}: {person.Name} ({person.Id}) {term.Start:yyyy-MM-dd}..{term.End:yyyy-MM-dd}{(term.OrganisationId is { } o ? $" for organisation {o}" : string.Empty)}");
            await db.SaveChangesAsync(cancellationToken);
            return ActionResult.Done;
        }
        catch (DomainException exception)
        {
            return ActionResult.From(exception);
        }
    }

    /// <summary>§5: ends a term early; the member no longer holds the seat from <paramref name="onDate"/> (today when null).</summary>
    public async Task<ActionResult> EndTermAsync(ClaimsPrincipal user, Guid termId, DateOnly? onDate = null, CancellationToken cancellationToken = default)
    {
        var (allowed, actor) = await guard.CheckAsync(user, KipPolicies.Coordination);
        if (!allowed)
        {
            return ActionResult.NotAllowed;
        }

        var date = onDate ?? AmsterdamCalendar.Today(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var register = new SeatRegister(await db.SeatTerms.ToListAsync(cancellationToken));
        try
        {
            register.EndTerm(termId, date);
            var term = register.Terms.Single(t => t.Id == termId);
            db.Record(time.GetUtcNow(), actor, "seat.end-term", $"seat:{term.Seat.Code}", $"term {term.Id} of {term.PersonId} ends; not held from {date:yyyy-MM-dd}");
            await db.SaveChangesAsync(cancellationToken);
            return ActionResult.Done;
        }
        catch (DomainException exception)
        {
            return ActionResult.From(exception);
        }
    }
}
