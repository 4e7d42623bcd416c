using KIP.Domain.Sroi;
using KIP.Web.Sroi;

namespace KIP.Web.Components.Pages.Sroi;

/// <summary>
/// What an officer types for a new contract, as typed: the amounts and dates are text until they are read. Reading
/// names what cannot be read as a number; the rest KIP.Domain checks (<see cref="ContractTerms.Check"/>).
/// </summary>
public sealed class NewContractForm
{
    public string? Municipality { get; set; }

    public bool Subsidy { get; set; }

    public string? PartnerKvk { get; set; }

    public string? PartnerName { get; set; }

    public string? Title { get; set; }

    public string? Reference { get; set; }

    public ContractKind? Kind { get; set; }

    /// <summary>Asked only for supplies.</summary>
    public string? LabourShare { get; set; }

    public string? Value { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    /// <summary>The terms as far as they can be read, and the text key beside each field typed but not readable as a number.</summary>
    public (ContractTerms Terms, IReadOnlyDictionary<string, string> Unreadable) Read()
    {
        var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = SroiTexts.ParseAmount(Value);
        if (value is null && !string.IsNullOrWhiteSpace(Value))
        {
            unreadable[ContractTerms.Fields.Value] = NotANumber;
        }

        var supplies = Kind == ContractKind.Supplies;
        var labour = supplies ? SroiTexts.ParseAmount(LabourShare) : null;
        if (supplies && labour is null && !string.IsNullOrWhiteSpace(LabourShare))
        {
            unreadable[ContractTerms.Fields.LabourShare] = NotANumber;
        }

        var terms = new ContractTerms(Municipality, PartnerKvk?.Trim(), PartnerName, Title, Reference, Kind, labour, value,
            SroiTexts.ParseDate(Start), SroiTexts.ParseDate(End), Subsidy);
        return (terms, unreadable);
    }

    private const string NotANumber = "Sroi.Field.NotANumber";
}
