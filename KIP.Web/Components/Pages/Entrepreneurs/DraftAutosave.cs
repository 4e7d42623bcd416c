namespace KIP.Web.Components.Pages.Entrepreneurs;

/// <summary>
/// Saves a form a moment after each change (debounced), one save at a time, and once more when its page goes, so every
/// value is saved as typed. Knows nothing of the form: <c>save</c> stores it and answers whether it was stored.
/// </summary>
/// <param name="save">Stores the form; false when it was not stored (say, submitted meanwhile in another tab).</param>
/// <param name="dispatch">Runs work on the component's renderer (its <c>InvokeAsync</c>).</param>
/// <param name="changed">Asks the component to render the new status (its <c>StateHasChanged</c>).</param>
public sealed class DraftAutosave(Func<Task<bool>> save, Func<Func<Task>, Task> dispatch, Action changed, TimeProvider time) : IAsyncDisposable
{
    public const int DebounceMilliseconds = 600;

    private readonly SemaphoreSlim _saving = new(1, 1);
    private CancellationTokenSource? _pending;
    private bool _dirty;
    private bool _savingNow;
    private bool _disposed;

    /// <summary>Nothing waits to be saved and no save is under way.</summary>
    public bool Saved => !_dirty && !_savingNow;

    /// <summary>When the form was last stored (local time), or null when not since the page opened.</summary>
    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>The form changed: save it a moment from now, unless it changes again first.</summary>
    public void Changed()
    {
        if (_disposed)
        {
            return;
        }

        _dirty = true;
        CancelPending();
        _pending = new CancellationTokenSource();
        _ = SaveLaterAsync(_pending.Token);
    }

    /// <summary>The form was stored another way (submitted): nothing is left to save.</summary>
    public void Stored() => _dirty = false;

    /// <summary>The debounced save waiting, if any, does not come (the form is about to be stored another way).</summary>
    public void CancelPending()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }

    private async Task SaveLaterAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(DebounceMilliseconds, token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await dispatch(SaveNowAsync);
    }

    private async Task SaveNowAsync()
    {
        if (!_dirty)
        {
            return;
        }

        await _saving.WaitAsync();
        _savingNow = true;
        try
        {
            _dirty = false;
            if (await save())
            {
                SavedAt = time.GetLocalNow();
            }
        }
        finally
        {
            _savingNow = false;
            _saving.Release();
        }

        if (!_disposed)
        {
            changed();
        }
    }

    /// <summary>The page goes (a reload, a link): what is not saved yet is saved now.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        CancelPending();
        if (_dirty)
        {
            try
            {
                await SaveNowAsync();
            }
            catch (ObjectDisposedException)
            {
                // The circuit is gone; the last debounced save stands.
            }
        }

        _saving.Dispose();
    }
}
