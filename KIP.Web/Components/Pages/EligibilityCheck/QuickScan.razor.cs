using KIP.Domain;
using KIP.Web.Eligibility;
using Microsoft.AspNetCore.Components;

namespace KIP.Web.Components.Pages.EligibilityCheck;

/// <summary>The recognition quick scan for a person (product.md, "/erkenningscheck"): live, on KIP.Domain's rules.</summary>
public sealed partial class QuickScan
{
    public const string Url = "/erkenningscheck";

    private QuickScanForm _form = new();
    private KIP.Domain.Eligibility.EligibilityResult? _result;
    private DateOnly _checkDate;
    private IReadOnlyList<InputError> _errors = [];

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private EligibilityTexts Texts { get; set; } = default!;

    /// <summary>A link to the check filled in with the given fields (API field names).</summary>
    public static string UrlWith(NavigationManager navigation, IReadOnlyDictionary<string, object?> query)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return navigation.GetUriWithQueryParameters(navigation.ToAbsoluteUri(Url).ToString(), query);
    }

    private int MissionLength => (_form.Text(KIP.Domain.Eligibility.FactFields.SocialMission) ?? string.Empty).Trim().Length;

    protected override void OnInitialized()
    {
        _form = QuickScanForm.FromUri(Navigation.Uri);
        Evaluate();
    }

    private void Evaluate() => (_result, _checkDate, _errors) = _form.Evaluate(AmsterdamCalendar.Today(Time));

    private string? ErrorFor(string field)
    {
        var errors = _errors.Where(e => e.Field == field).Select(e => Texts.Error(e, L[$"Eligibility.Field.{LabelKey(field)}"], _checkDate)).ToList();
        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    private static string LabelKey(string field) => field switch
    {
        KIP.Domain.Eligibility.FactFields.CodeSocialeOndernemingenRegisteredOn => "CodeRegisteredOn",
        KIP.Domain.Eligibility.FactFields.SocialEnterpriseNlMember => "SenlMember",
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };

    private Task SetAsync(string field, string? value)
    {
        _form.SetText(field, value);
        return UpdateAsync();
    }

    private Task SetFlagAsync(string field, bool value)
    {
        _form.SetFlag(field, value);
        return UpdateAsync();
    }

    private Task UpdateAsync()
    {
        Evaluate();

        // The inputs live in the URL: reload, share and language switch keep the check (product.md).
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(_form.ToQuery()), new NavigationOptions { ReplaceHistoryEntry = true });
        return Task.CompletedTask;
    }
}
