using System.Globalization;
using System.Security.Claims;
using KIP.Domain;
using KIP.Domain.Organisations;
using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>Registering an organisation and keeping its profile (rulebook §1, §3); admission and access are <see cref="AdmissionService"/>'s. Every method checks who asks.</summary>
public sealed class OrganisationService(IDbContextFactory<KipDbContext> factory, TimeProvider time, LogoStore logos)
{
    /// <summary>The message beside the KvK number when an organisation is registered under it already.</summary>
    public const string KvkTakenKey = "Register.Error.KvkTaken";

    private static readonly IReadOnlyDictionary<string, string> KvkTaken = new Dictionary<string, string> { [nameof(RegistrationForm.Kvk)] = KvkTakenKey };

    /// <summary>Registers a new organisation with the user as its member: its id, or the messages beside the fields (<see cref="KvkTakenKey"/> included).</summary>
    public Task<ActionResult<Guid>> RegisterAsync(ClaimsPrincipal user, RegistrationForm form) => ServiceCall.RunAsync<Guid>(async () =>
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = Callers.RequirePerson(user);
        var now = time.GetUtcNow();
        var errors = form.Validate(AmsterdamCalendar.Today(time));
        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        var kvk = KvkNumber.Parse(form.Kvk!.Trim());
        await using var db = await factory.CreateDbContextAsync();
        if (await db.Organisations.AnyAsync(o => o.KvkNumber == kvk))
        {
            return ActionResult.Invalid(KvkTaken);
        }

        var details = Details(form);
        var organisation = Organisation.Register(
            Guid.NewGuid(), kvk, form.Name!, details.LegalForm, details.EstablishedIn, details.WorksIn, details.FoundedOn, details.Employees);
        db.Organisations.Add(organisation);
        var profile = new OrganisationProfile { OrganisationId = organisation.Id };
        Apply(profile, form, now);
        if (form.Logo is { } logo)
        {
            profile.LogoFile = await logos.SaveAsync(logo);
        }

        db.Profiles.Add(profile);
        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, PersonId = person, Since = now });
        db.Record(now, person, "organisation.registered", organisation.Id.ToString(), kvk.Value);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            logos.Delete(profile.LogoFile);

            // Registered by someone else a moment ago: the unique index on the KvK number holds (never a second copy).
            return ActionResult.Invalid(KvkTaken);
        }

        return ActionResult.DoneWith(organisation.Id);
    });

    /// <summary>The organisation registered under the KvK number typed, if any (to ask access to it).</summary>
    public async Task<Guid?> RegisteredUnderAsync(string? kvk)
    {
        if (!KvkNumber.TryParse(kvk?.Trim() ?? string.Empty, out var number))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync();
        return await db.Organisations.Where(o => o.KvkNumber == number).Select(o => (Guid?)o.Id).FirstOrDefaultAsync();
    }

    /// <summary>Updates the profile of the user's own organisation.</summary>
    public Task<ActionResult> UpdateAsync(ClaimsPrincipal user, Guid organisationId, RegistrationForm form) => ServiceCall.RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(form);
        var person = Callers.RequirePerson(user);
        Callers.RequireOwn(user, organisationId);
        await using var db = await factory.CreateDbContextAsync();
        var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
        form.Kvk = organisation.KvkNumber.Value; // the KvK number is not edited here (rulebook §3 keeps its history)
        var errors = form.Validate(AmsterdamCalendar.Today(time));
        if (errors.Count > 0)
        {
            return ActionResult.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var details = Details(form);
        organisation.UpdateDetails(form.Name!, details.LegalForm, details.EstablishedIn, details.WorksIn, details.FoundedOn, details.Employees);
        var profile = await db.Profiles.FirstOrDefaultAsync(p => p.OrganisationId == organisationId);
        if (profile is null)
        {
            profile = new OrganisationProfile { OrganisationId = organisationId };
            db.Profiles.Add(profile);
        }

        Apply(profile, form, now);
        db.Record(now, person, "organisation.updated", organisationId.ToString());
        string? replaced = null;
        if (form.Logo is { } logo)
        {
            replaced = profile.LogoFile;
            profile.LogoFile = await logos.SaveAsync(logo);
            db.Record(now, person, "organisation.logo-replaced", organisationId.ToString());
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch
        {
            // The new file is not named anywhere: remove it, keep the old one.
            if (form.Logo is not null)
            {
                logos.Delete(profile.LogoFile);
            }

            throw;
        }

        // The old file goes only once the new one is saved and named.
        logos.Delete(replaced);
        form.Logo = null;
        return ActionResult.Done;
    });

    /// <summary>The form filled in from the stored organisation (for editing).</summary>
    public async Task<RegistrationForm?> LoadAsync(ClaimsPrincipal user, Guid organisationId)
    {
        if (!OrganisationAccess.MayManage(user, organisationId))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync();
        var o = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == organisationId);
        if (o is null)
        {
            return null;
        }

        var p = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(x => x.OrganisationId == organisationId) ?? new OrganisationProfile();
        return new RegistrationForm
        {
            Kvk = o.KvkNumber.Value,
            Name = o.Name,
            LegalForm = o.LegalForm.Code,
            FoundedOn = o.FoundedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Employees = o.Employees?.ToString(CultureInfo.InvariantCulture),
            EstablishedIn = o.EstablishedIn?.Code,
            WorksIn = [.. o.WorksIn.Select(m => m.Code)],
            Address = p.Address,
            Place = p.Place,
            Website = p.Website,
            PublicEmail = p.PublicEmail,
            PublicPhone = p.PublicPhone,
            ContactName = p.ContactName,
            ContactEmail = p.ContactEmail,
            ContactPhone = p.ContactPhone,
            Description = p.Description,
            Offer = p.Offer,
            Categories = [.. p.Categories],
            ImpactThemes = [.. p.ImpactThemes],
            LogoPreview = p.LogoFile is { } stored && logos.Exists(stored) ? DataUrl(await logos.ReadAllAsync(stored)) : null,
        };
    }

    /// <summary>A PNG as a data URL, for showing a logo that is not public yet.</summary>
    public static string DataUrl(byte[] png) => "data:" + LogoStore.ContentType + ";base64," + Convert.ToBase64String(png);

    /// <summary>The organisation's details from a form that passed its validation.</summary>
    private static (LegalForm LegalForm, Municipality? EstablishedIn, IEnumerable<Municipality> WorksIn, DateOnly? FoundedOn, int? Employees) Details(RegistrationForm form) =>
        (
            LegalForm.Parse(form.LegalForm),
            string.IsNullOrEmpty(form.EstablishedIn) ? null : Municipality.Parse(form.EstablishedIn),
            form.WorksIn.Select(Municipality.Parse),
            string.IsNullOrWhiteSpace(form.FoundedOn) ? null : DateOnly.ParseExact(form.FoundedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(form.Employees) ? null : int.Parse(form.Employees.Trim(), CultureInfo.InvariantCulture));

    private static void Apply(OrganisationProfile profile, RegistrationForm form, DateTimeOffset now)
    {
        profile.Address = RegistrationForm.Trimmed(form.Address);
        profile.Place = RegistrationForm.Trimmed(form.Place);
        profile.Website = RegistrationForm.Trimmed(form.Website);
        profile.PublicEmail = RegistrationForm.Trimmed(form.PublicEmail);
        profile.PublicPhone = RegistrationForm.Trimmed(form.PublicPhone);
        profile.ContactName = RegistrationForm.Trimmed(form.ContactName);
        profile.ContactEmail = RegistrationForm.Trimmed(form.ContactEmail);
        profile.ContactPhone = RegistrationForm.Trimmed(form.ContactPhone);
        profile.Description = form.Description?.Trim() ?? string.Empty;
        profile.Offer = form.Offer?.Trim() ?? string.Empty;
        profile.Categories = [.. form.Categories.Distinct()];
        profile.ImpactThemes = [.. form.ImpactThemes.Distinct()];
        profile.UpdatedAt = now;
    }
}
