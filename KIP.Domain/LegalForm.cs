using System.Diagnostics.CodeAnalysis;

namespace KIP.Domain;

/// <summary>A Dutch legal form (rechtsvorm); codes match without regard to capitals (rulebook §2).</summary>
public sealed record LegalForm
{
    private LegalForm(string code) => Code = code;

    public string Code { get; }

    public static LegalForm Eenmanszaak { get; } = new("eenmanszaak");
    public static LegalForm Vof { get; } = new("vof");
    public static LegalForm Maatschap { get; } = new("maatschap");
    public static LegalForm Cv { get; } = new("cv");
    public static LegalForm Bv { get; } = new("bv");
    public static LegalForm Nv { get; } = new("nv");
    public static LegalForm Stichting { get; } = new("stichting");
    public static LegalForm Vereniging { get; } = new("vereniging");
    public static LegalForm Cooperatie { get; } = new("cooperatie");
    public static LegalForm OnderlingeWaarborgmaatschappij { get; } = new("onderlinge-waarborgmaatschappij");

    public static IReadOnlyList<LegalForm> All { get; } =
        [Eenmanszaak, Vof, Maatschap, Cv, Bv, Nv, Stichting, Vereniging, Cooperatie, OnderlingeWaarborgmaatschappij];

    /// <summary>§2: a stichting is a non-profit whatever else is said about it.</summary>
    public bool IsStichting => this == Stichting;

    /// <summary>§3: a ZZP'er is an eenmanszaak (with 0 employees).</summary>
    public bool IsEenmanszaak => this == Eenmanszaak;

    public static bool TryParse([NotNullWhen(true)] string? code, [NotNullWhen(true)] out LegalForm? legalForm)
    {
        legalForm = All.FirstOrDefault(f => string.Equals(f.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return legalForm is not null;
    }

    public static LegalForm Parse(string? code) =>
        TryParse(code, out var legalForm)
            ? legalForm
            : throw new DomainException("legal-form.unknown", $"'{code}' is not a known legal form.");

    public override string ToString() => Code;
}
