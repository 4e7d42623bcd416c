using KIP.Web.Actions;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.EntityFrameworkCore;

namespace KIP.Web.Components.Pages.Procurement;

/// <summary>A shortlist as its owner sees it: suppliers with contact persons and all notes.</summary>
public sealed record ShortlistView(Guid Id, string Name, string ShareToken, IReadOnlyList<ShortlistRow> Rows);

public sealed record ShortlistRow(SupplierItem Item, ContactPerson? Contact, string? Note, bool NoteShared);

public sealed record ShortlistSummary(Guid Id, string Name, int Count, DateTimeOffset CreatedAt);

/// <summary>What a read-only link shows: public data and the notes marked as shared, nothing else.</summary>
public sealed record SharedShortlist(string Name, IReadOnlyList<(SupplierItem Item, string? SharedNote)> Rows);

/// <summary>
/// An SROI officer's shortlists (product.md). Every call names the owner: another officer's list is
/// simply not found, whatever id is asked for. Every change answers an <see cref="ActionResult"/>.
/// </summary>
public sealed class ShortlistService(IDbContextFactory<KipDbContext> factory, SupplierSearch search, TimeProvider time)
{
    public const int NameMaxLength = 200;
    public const int NoteMaxLength = 2000;

    /// <summary>The field of a list's name, for its message.</summary>
    public const string NameField = "name";

    /// <summary>The field of a note, for its message.</summary>
    public const string NoteField = "note";

    /// <summary>The list is not there, or not the owner's (the same answer).</summary>
    public const string NotFoundKey = "Shortlist.Error.NotFound";

    private static ActionResult NotFound => ActionResult.Refused(NotFoundKey);

    public async Task<IReadOnlyList<ShortlistSummary>> ListAsync(Guid owner, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var lists = await db.Shortlists.AsNoTracking().Where(s => s.OwnerPersonId == owner)
            .Select(s => new { s.Id, s.Name, Count = s.Entries.Count, s.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. lists.OrderByDescending(s => s.CreatedAt).Select(s => new ShortlistSummary(s.Id, s.Name, s.Count, s.CreatedAt))];
    }

    /// <summary>Creates a list; refused, with the message beside the name, when the name is not acceptable.</summary>
    public async Task<ActionResult<Guid>> CreateAsync(Guid owner, string? name, CancellationToken cancellationToken = default)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Beside(NameField, "Shortlist.Error.NameRequired");
        }

        if (trimmed.Length > NameMaxLength)
        {
            return Beside(NameField, "Shortlist.Error.NameTooLong");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var shortlist = new Shortlist
        {
            Id = Guid.NewGuid(),
            OwnerPersonId = owner,
            Name = trimmed,
            ShareToken = Shortlist.NewShareToken(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Shortlists.Add(shortlist);
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.DoneWith(shortlist.Id);
    }

    public async Task<ActionResult> DeleteAsync(Guid owner, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Shortlists.Where(s => s.Id == id && s.OwnerPersonId == owner).ExecuteDeleteAsync(cancellationToken) == 1
            ? ActionResult.Done
            : NotFound;
    }

    public async Task<ShortlistView?> GetAsync(Guid owner, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var shortlist = await db.Shortlists.AsNoTracking().Include(s => s.Entries)
            .SingleOrDefaultAsync(s => s.Id == id && s.OwnerPersonId == owner, cancellationToken);
        if (shortlist is null)
        {
            return null;
        }

        var entries = shortlist.Entries.OrderBy(e => e.AddedAt).ToList();
        var items = (await search.FindManyAsync([.. entries.Select(e => e.OrganisationId)], cancellationToken)).ToDictionary(i => i.Id);
        var contacts = await search.ContactsAsync([.. items.Keys], cancellationToken);
        return new ShortlistView(shortlist.Id, shortlist.Name, shortlist.ShareToken, [.. entries
            .Where(e => items.ContainsKey(e.OrganisationId))
            .Select(e => new ShortlistRow(items[e.OrganisationId], contacts.GetValueOrDefault(e.OrganisationId), e.Note, e.NoteShared))]);
    }

    /// <summary>Adds a supplier (again adding it changes nothing); refused when the list is not the owner's or the supplier is not in the directory.</summary>
    public async Task<ActionResult> AddAsync(Guid owner, Guid id, Guid organisationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Shortlists.AnyAsync(s => s.Id == id && s.OwnerPersonId == owner, cancellationToken))
        {
            return NotFound;
        }

        if (await search.FindAsync(organisationId, cancellationToken) is null)
        {
            return ActionResult.Refused("Shortlist.Error.SupplierNotFound");
        }

        if (!await db.ShortlistEntries.AnyAsync(e => e.ShortlistId == id && e.OrganisationId == organisationId, cancellationToken))
        {
            db.ShortlistEntries.Add(new ShortlistEntry { ShortlistId = id, OrganisationId = organisationId, AddedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return ActionResult.Done;
    }

    /// <summary>Takes a supplier off the owner's list; refused when it is not on it (any more).</summary>
    public async Task<ActionResult> RemoveAsync(Guid owner, Guid id, Guid organisationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Shortlists.AnyAsync(s => s.Id == id && s.OwnerPersonId == owner, cancellationToken))
        {
            return NotFound;
        }

        return await db.ShortlistEntries.Where(e => e.ShortlistId == id && e.OrganisationId == organisationId).ExecuteDeleteAsync(cancellationToken) == 1
            ? ActionResult.Done
            : ActionResult.Refused("Shortlist.Error.NotOnList");
    }

    /// <summary>Keeps the note on one supplier; a note that is too long is refused beside the note, and the stored one kept.</summary>
    public async Task<ActionResult> SaveNoteAsync(Guid owner, Guid id, Guid organisationId, string? note, bool shared, CancellationToken cancellationToken = default)
    {
        if (note is { Length: > NoteMaxLength })
        {
            return Beside(NoteField, "Shortlist.Error.NoteTooLong");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entry = await db.ShortlistEntries
            .SingleOrDefaultAsync(e => e.ShortlistId == id && e.OrganisationId == organisationId && db.Shortlists.Any(s => s.Id == id && s.OwnerPersonId == owner), cancellationToken);
        if (entry is null)
        {
            return NotFound;
        }

        entry.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        entry.NoteShared = shared;
        await db.SaveChangesAsync(cancellationToken);
        return ActionResult.Done;
    }

    /// <summary>A new link; the old one stops working at once.</summary>
    public async Task<ActionResult> RenewShareTokenAsync(Guid owner, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Shortlists.Where(s => s.Id == id && s.OwnerPersonId == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ShareToken, Shortlist.NewShareToken()), cancellationToken) == 1
            ? ActionResult.Done
            : NotFound;
    }

    public async Task<SharedShortlist?> SharedAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 40)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var shortlist = await db.Shortlists.AsNoTracking().Include(s => s.Entries).SingleOrDefaultAsync(s => s.ShareToken == token, cancellationToken);
        if (shortlist is null)
        {
            return null;
        }

        var entries = shortlist.Entries.OrderBy(e => e.AddedAt).ToList();
        var items = (await search.FindManyAsync([.. entries.Select(e => e.OrganisationId)], cancellationToken)).ToDictionary(i => i.Id);
        return new SharedShortlist(shortlist.Name, [.. entries
            .Where(e => items.ContainsKey(e.OrganisationId))
            .Select(e => (items[e.OrganisationId], e.NoteShared ? e.Note : null))]);
    }

    private static ActionResult Beside(string field, string key) =>
        ActionResult.Invalid(new Dictionary<string, string>(StringComparer.Ordinal) { [field] = key });
}
