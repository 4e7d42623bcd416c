using System.Diagnostics.CodeAnalysis;

namespace KIP.Domain;

/// <summary>One of the six recognition criteria (rulebook §2), in the rulebook's order.</summary>
public sealed record CriterionCode
{
    private CriterionCode(string value, int order)
    {
        Value = value;
        Order = order;
    }

    public string Value { get; }

    /// <summary>Position in the rulebook's table (0-based); lists are shown in this order.</summary>
    public int Order { get; }

    public static CriterionCode CodeSocialeOndernemingen { get; } = new("code-sociale-ondernemingen", 0);
    public static CriterionCode SocialEnterpriseNl { get; } = new("social-enterprise-nl", 1);
    public static CriterionCode Pso30Plus { get; } = new("pso-30-plus", 2);
    public static CriterionCode NonProfit { get; } = new("non-profit", 3);
    public static CriterionCode BCorp { get; } = new("b-corp", 4);
    public static CriterionCode StartupZzp { get; } = new("startup-zzp", 5);

    public static IReadOnlyList<CriterionCode> All { get; } =
        [CodeSocialeOndernemingen, SocialEnterpriseNl, Pso30Plus, NonProfit, BCorp, StartupZzp];

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out CriterionCode? code)
    {
        code = All.FirstOrDefault(c => string.Equals(c.Value, value?.Trim(), StringComparison.OrdinalIgnoreCase));
        return code is not null;
    }

    public static CriterionCode Parse(string? value) =>
        TryParse(value, out var code)
            ? code
            : throw new DomainException("criterion.unknown", $"'{value}' is not a criterion code.");

    public override string ToString() => Value;
}
