using KIP.Web.Actions;
using KIP.Web.Addresses;
using KIP.Web.Identity;
using KIP.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KIP.Web.Components.Pages.Commission.Session;

/// <summary>
/// The live review session: one page for all members; <see cref="SessionBoard"/> lays out its parts (presence, agenda,
/// the item on the floor with the chair's tools and the open vote, the results). The page subscribes once to the seam,
/// reloads the truth from the database on every announcement, and leaves presence and the subscription when disposed.
/// </summary>
public sealed partial class SessionPage
{
    public const string Url = "/commissie/vergaderingen/{id:guid}/sessie";

    private int _reloads;
    private SessionView? _view;
    private bool _loaded;
    private bool _busy;
    private string? _error;
    private Guid _me;
    private IDisposable? _subscription;
    private IAsyncDisposable? _presence;

    [Parameter]
    public Guid Id { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    public static string UrlFor(Guid meetingId) => PageAddress.Fill(Url, meetingId);

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        _me = user?.PersonId() ?? Guid.Empty;
        if (RendererInfo.IsInteractive)
        {
            _subscription = Notifier.SubscribeToSession(Id, change => InvokeAsync(() => ReloadAsync(change)));
            if (_me != Guid.Empty && await Views.IsMemberAsync(Id, _me))
            {
                _presence = await Presence.EnterAsync(Id, _me);
            }
        }

        await ReloadAsync();
    }

    /// <summary>Reloads the true state; after an announcement from the read all screens share. A slower, older reload never overwrites a newer one.</summary>
    private async Task ReloadAsync(SessionChanged? change = null)
    {
        var reload = ++_reloads;
        var view = change is null ? await Views.LoadAsync(Id, _me) : await Views.LoadAfterAsync(change, _me);
        if (reload != _reloads)
        {
            return;
        }

        _view = view;
        _loaded = true;
        StateHasChanged();
    }

    /// <summary>Runs a command; a refusal of KIP.Domain or the service is shown in Dutch, nothing typed is lost. True when done.</summary>
    private async Task<bool> RunAsync(Func<Task<ActionResult>> command)
    {
        _busy = true;
        _error = null;
        var before = _reloads;
        var result = await command();
        _busy = false;
        if (!result.Succeeded)
        {
            var text = L[result.ErrorKey!];
            _error = text.ResourceNotFound ? L["Session.Error.Other", result.ErrorKey!].Value : text.Value;
        }

        // Done and already reloaded from an announcement: on one server the seam tells every screen, this one too, before
        // the command returns, from a read made after the change, so a read of its own adds nothing. Across servers
        // (Redis) the announcement may come after this; then it is the reload of its own, or the one still to come.
        if (result.Succeeded && _reloads != before)
        {
            StateHasChanged();
            return true;
        }

        await ReloadAsync();
        return result.Succeeded;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_presence is not null)
        {
            await _presence.DisposeAsync();
        }
    }
}
