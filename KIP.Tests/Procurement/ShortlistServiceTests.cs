using KIP.Tests.Infrastructure;
using KIP.Web.Actions;
using KIP.Web.Components.Pages.Procurement;
using KIP.Web.Data;
using KIP.Web.Data.Search;
using KIP.Web.Search;
using Microsoft.Extensions.DependencyInjection;

namespace KIP.Tests.Procurement;

/// <summary>An SROI officer's shortlists: only the owner reaches them; the shared link shows public data and shared notes.</summary>
[Collection(AppCollection.Name)]
public sealed class ShortlistServiceTests(AppFixture fixture)
{
    private ShortlistService Service => new(fixture.Db, new SupplierSearch(fixture.Db, fixture.App.Services.GetRequiredService<ISupplierSearchSql>(), TimeProvider.System), TimeProvider.System);

    private async Task<Guid> NewListAsync(Guid owner, string name = "Schoonmaak IJmond")
    {
        var created = await Service.CreateAsync(owner, name);
        Assert.True(created.Succeeded, created.ErrorKey);
        return created.Value;
    }

    [Theory]
    [InlineData(null, "Shortlist.Error.NameRequired")]
    [InlineData("   ", "Shortlist.Error.NameRequired")]
    public async Task A_list_needs_a_name(string? name, string error)
    {
        var result = await Service.CreateAsync(DemoPersons.SroiOfficer, name);

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Result.FieldError(ShortlistService.NameField));
    }

    [Fact]
    public async Task V2_2_2_A_name_longer_than_200_characters_is_refused_by_the_service()
    {
        var result = await Service.CreateAsync(DemoPersons.SroiOfficer, new string('x', 201));

        Assert.False(result.Succeeded);
        Assert.Equal("Shortlist.Error.NameTooLong", result.Result.FieldError(ShortlistService.NameField));
    }

    [Fact]
    public async Task The_owner_adds_suppliers_with_notes_and_sees_contact_persons()
    {
        var owner = DemoPersons.SroiOfficer;
        var id = await NewListAsync(owner);

        Assert.Equal(ActionResult.Done, await Service.AddAsync(owner, id, DemoPersons.SchoonEnSociaalId));
        Assert.Equal(ActionResult.Done, await Service.AddAsync(owner, id, DemoPersons.SchoonEnSociaalId)); // twice changes nothing
        Assert.Equal(ActionResult.Done, await Service.SaveNoteAsync(owner, id, DemoPersons.SchoonEnSociaalId, "Offerte gevraagd", shared: true));
        var view = await Service.GetAsync(owner, id);

        var row = Assert.Single(view!.Rows);
        Assert.Equal("Schoonmaakbedrijf Schoon & Sociaal", row.Item.Name);
        Assert.Equal("Mehmet Kaya", row.Contact!.Name);
        Assert.Equal("Offerte gevraagd", row.Note);
        Assert.Contains(view.Name, (await Service.ListAsync(owner)).Select(l => l.Name));
    }

    [Fact]
    public async Task V8_2_2_Another_officer_can_neither_read_nor_change_the_list()
    {
        var id = await NewListAsync(DemoPersons.SroiOfficer);
        await Service.AddAsync(DemoPersons.SroiOfficer, id, DemoPersons.SchoonEnSociaalId);
        var other = DemoPersons.OfficerAndCoordinator;

        Assert.Null(await Service.GetAsync(other, id));
        var notFound = ActionResult.Refused(ShortlistService.NotFoundKey);
        Assert.Equal(notFound, await Service.AddAsync(other, id, DemoPersons.CateringMetKansenId));
        Assert.Equal(notFound, await Service.RemoveAsync(other, id, DemoPersons.SchoonEnSociaalId));
        Assert.Equal(notFound, await Service.SaveNoteAsync(other, id, DemoPersons.SchoonEnSociaalId, "gekaapt", true));
        Assert.Equal(notFound, await Service.RenewShareTokenAsync(other, id));
        Assert.Equal(notFound, await Service.DeleteAsync(other, id));
        Assert.DoesNotContain(id, (await Service.ListAsync(other)).Select(l => l.Id));

        var view = await Service.GetAsync(DemoPersons.SroiOfficer, id);
        Assert.Single(view!.Rows);
        Assert.Null(view.Rows[0].Note);
    }

    [Fact]
    public async Task V15_3_1_The_shared_link_shows_public_data_and_only_the_notes_marked_shared()
    {
        var owner = DemoPersons.SroiOfficer;
        var id = await NewListAsync(owner, "Catering Velsen");
        await Service.AddAsync(owner, id, DemoPersons.SchoonEnSociaalId);
        await Service.AddAsync(owner, id, DemoPersons.CateringMetKansenId);
        await Service.SaveNoteAsync(owner, id, DemoPersons.SchoonEnSociaalId, "Gedeelde notitie", shared: true);
        await Service.SaveNoteAsync(owner, id, DemoPersons.CateringMetKansenId, "Interne notitie", shared: false);
        var token = (await Service.GetAsync(owner, id))!.ShareToken;

        var shared = await Service.SharedAsync(token);

        Assert.Equal("Catering Velsen", shared!.Name);
        Assert.Equal(2, shared.Rows.Count);
        Assert.Equal(["Gedeelde notitie"], shared.Rows.Select(r => r.SharedNote).OfType<string>());
        Assert.Null(await Service.SharedAsync(token + "x"));
    }

    [Fact]
    public async Task A_new_link_stops_the_old_one()
    {
        var owner = DemoPersons.SroiOfficer;
        var id = await NewListAsync(owner);
        var old = (await Service.GetAsync(owner, id))!.ShareToken;

        Assert.Equal(ActionResult.Done, await Service.RenewShareTokenAsync(owner, id));

        Assert.Null(await Service.SharedAsync(old));
        Assert.NotNull(await Service.SharedAsync((await Service.GetAsync(owner, id))!.ShareToken));
    }

    [Fact]
    public async Task V2_2_2_A_note_over_2000_characters_is_refused_by_the_service_and_the_stored_note_kept()
    {
        var owner = DemoPersons.SroiOfficer;
        var id = await NewListAsync(owner);
        await Service.AddAsync(owner, id, DemoPersons.SchoonEnSociaalId);
        await Service.SaveNoteAsync(owner, id, DemoPersons.SchoonEnSociaalId, "Eerste versie", shared: false);

        var refused = await Service.SaveNoteAsync(owner, id, DemoPersons.SchoonEnSociaalId, new string('a', 2001), shared: false);

        Assert.Equal("Shortlist.Error.NoteTooLong", refused.FieldError(ShortlistService.NoteField));
        Assert.Equal("Eerste versie", (await Service.GetAsync(owner, id))!.Rows[0].Note);
    }

    [Fact]
    public async Task A_supplier_not_in_the_directory_or_no_longer_on_the_list_is_refused_by_name()
    {
        var owner = DemoPersons.SroiOfficer;
        var id = await NewListAsync(owner);
        await Service.AddAsync(owner, id, DemoPersons.SchoonEnSociaalId);

        Assert.Equal(ActionResult.Refused("Shortlist.Error.SupplierNotFound"), await Service.AddAsync(owner, id, Guid.NewGuid()));
        Assert.Equal(ActionResult.Done, await Service.RemoveAsync(owner, id, DemoPersons.SchoonEnSociaalId));
        Assert.Equal(ActionResult.Refused("Shortlist.Error.NotOnList"), await Service.RemoveAsync(owner, id, DemoPersons.SchoonEnSociaalId));
        Assert.Equal(ActionResult.Refused(ShortlistService.NotFoundKey), await Service.SaveNoteAsync(owner, id, DemoPersons.SchoonEnSociaalId, "te laat", shared: false));
        Assert.Empty((await Service.GetAsync(owner, id))!.Rows);
        Assert.Equal(ActionResult.Done, await Service.DeleteAsync(owner, id));
        Assert.Equal(ActionResult.Refused(ShortlistService.NotFoundKey), await Service.DeleteAsync(owner, id));
    }
}
