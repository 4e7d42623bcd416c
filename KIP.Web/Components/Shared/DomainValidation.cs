using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace KIP.Web.Components.Shared;

/// <summary>
/// Puts the refusals of a submit at their fields through a <see cref="ValidationMessageStore"/> (docs/decisions/009):
/// every submit replaces all messages, so each field says what is wrong with it now; a field's message goes as soon as
/// the person changes that field. Place it inside an <see cref="EditForm"/>; fields show their messages through <c>For</c>.
/// </summary>
public sealed class DomainValidation : ComponentBase, IDisposable
{
    private ValidationMessageStore? _store;
    private EditContext? _context;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    [Inject]
    private IStringLocalizer<Text> L { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(DomainValidation)} belongs inside an EditForm.");
        }

        if (!ReferenceEquals(CurrentEditContext, _context))
        {
            Detach();
            _context = CurrentEditContext;
            _store = new ValidationMessageStore(_context);
            _context.OnFieldChanged += FieldChanged;
        }
    }

    /// <summary>Replaces every message: field name (a property of the form's model) → resource key of its message.</summary>
    public void Show(IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Show(errors.Select(e => (e.Key, L[e.Value].Value)));
    }

    /// <summary>Replaces every message with these, already in the person's language.</summary>
    public void Show(IEnumerable<(string Field, string Message)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var context = _context ?? throw new InvalidOperationException("Not rendered inside an EditForm yet.");
        _store!.Clear();
        foreach (var (field, message) in messages)
        {
            _store.Add(context.Field(field), message);
        }

        context.NotifyValidationStateChanged();
    }

    /// <summary>Removes every message (a successful submit).</summary>
    public void Clear() => Show([]);

    private void FieldChanged(object? sender, FieldChangedEventArgs e)
    {
        if (_context is not null && _store![e.FieldIdentifier].Any())
        {
            _store.Clear(e.FieldIdentifier);
            _context.NotifyValidationStateChanged();
        }
    }

    private void Detach()
    {
        if (_context is not null)
        {
            _context.OnFieldChanged -= FieldChanged;
        }
    }

    public void Dispose() => Detach();
}

/// <summary>Reads an edit context's messages for a field a MudBlazor input cannot bind with <c>For</c> (a multi-select).</summary>
public static class FieldMessages
{
    public static string? Of<T>(EditContext? context, Expression<Func<T>> field) =>
        context?.GetValidationMessages(FieldIdentifier.Create(field)).FirstOrDefault();
}
