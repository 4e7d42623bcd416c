using KIP.Domain;
using KIP.Domain.Voting;
using KIP.Web.Identity;
using KIP.Web.Live;
using KIP.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace KIP.Web.Components.Pages.Commission.Session;

/// <summary>
/// The live review session: one page for all members, made of one part per concern (presence,
/// agenda, the item on the floor, the chair's tools, the open vote, the results). It subscribes once to the seam,
/// reloads the truth from the database on every announcement, and leaves presence and the subscription when disposed.
/// </summary>
public sealed partial class SessionPage
{
    public const string Url = "/commissie/vergaderingen/{Id:guid}/sessie";

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

    public static string For(Guid meetingId) => $"/commissie/vergaderingen/{meetingId}/sessie";

    private bool IsChair => _view is not null && _view.ChairPersonId == _me;

    private bool IsPresentMember => _view is not null && _view.ViewerIsMember && _view.Members.Any(m => m.PersonId == _me && m.Present);

    private bool IsActingChair(ItemView item) => item.ActingChairPersonId == _me;

    private bool CanVote(ItemView item) => IsPresentMember && !item.Recused.Contains(_me);

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

    private Task<bool> RecuseAsync(ItemView item, Guid person) => RunAsync(() => Sessions.RecuseAsync(Id, item.Id, person, _me));

    private Task<bool> HandOverAsync(ItemView item, Guid person) => RunAsync(() => Sessions.HandOverAsync(Id, item.Id, person, _me));

    private Task<bool> OpenMotionAsync(ItemView item, MotionKind kind, IReadOnlyCollection<CriterionCode> criteria) =>
        RunAsync(() => Sessions.OpenMotionAsync(Id, item.Id, kind, criteria, _me));

    private Task<bool> VoteAsync(OpenMotionView motion, VoteChoice choice) => RunAsync(() => Sessions.CastVoteAsync(Id, motion.Id, choice, _me));

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>
    /// Decision 010: a meeting is held on the day it carries. Opened on another day, the chair first confirms moving
    /// it to today; without that confirmation nothing happens.
    /// </summary>
    private async Task OpenSessionAsync()
    {
        var today = AmsterdamCalendar.Today(Time);
        var move = _view is not null && _view.Date != today;
        if (move)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                L["Session.MoveConfirmTitle"],
                L["Session.MoveConfirm", DutchDates.Format(_view!.Date), DutchDates.Format(today)],
                yesText: L["Session.MoveConfirmYes"],
                cancelText: L["Session.Cancel"]);
            if (confirmed != true)
            {
                return;
            }
        }

        await RunAsync(() => Sessions.OpenAsync(Id, _me, moveToToday: move));
    }

    private Task<bool> CloseVoteAsync(OpenMotionView motion, string motivation, IReadOnlyDictionary<CriterionCode, DateOnly> until) =>
        RunAsync(() => Sessions.CloseMotionAsync(Id, motion.Id, motivation, until, _me));

    private Task<bool> RequestInformationAsync(ItemView item, string question) =>
        RunAsync(() => Sessions.RequestMoreInformationAsync(Id, item.Id, question, _me));

    private async Task CloseSessionAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Session.CloseConfirmTitle"], L["Session.CloseConfirm"], yesText: L["Session.Close"], cancelText: L["Session.Cancel"]);
        if (confirmed == true)
        {
            await RunAsync(() => Sessions.CloseAsync(Id, _me));
        }
    }

    /// <summary>Runs an action; a refusal of KIP.Domain or the service is shown in Dutch, nothing typed is lost. True when done.</summary>
    private async Task<bool> RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        var done = false;
        try
        {
            await action();
            done = true;
        }
        catch (DomainException refusal)
        {
            var text = L[$"Session.Error.{refusal.Code}"];
            _error = text.ResourceNotFound ? L["Session.Error.Other", refusal.Code].Value : text.Value;
        }
        finally
        {
            _busy = false;
        }

        await ReloadAsync();
        return done;
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
