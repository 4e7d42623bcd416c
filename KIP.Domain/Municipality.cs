using System.Diagnostics.CodeAnalysis;

namespace KIP.Domain;

/// <summary>The two sub-regions KIP serves (rulebook §1).</summary>
public enum SubRegion
{
    ZuidKennemerland,
    IJmond,
}

/// <summary>One of the seven municipalities of the region (rulebook §1).</summary>
public sealed record Municipality
{
    private Municipality(string code, string name, SubRegion subRegion)
    {
        Code = code;
        Name = name;
        SubRegion = subRegion;
    }

    /// <summary>Kebab-case code used in URLs, the API and storage.</summary>
    public string Code { get; }

    /// <summary>The Dutch name (a proper name, the same in every language).</summary>
    public string Name { get; }

    public SubRegion SubRegion { get; }

    public static Municipality Haarlem { get; } = new("haarlem", "Haarlem", SubRegion.ZuidKennemerland);
    public static Municipality Bloemendaal { get; } = new("bloemendaal", "Bloemendaal", SubRegion.ZuidKennemerland);
    public static Municipality Heemstede { get; } = new("heemstede", "Heemstede", SubRegion.ZuidKennemerland);
    public static Municipality Zandvoort { get; } = new("zandvoort", "Zandvoort", SubRegion.ZuidKennemerland);
    public static Municipality Velsen { get; } = new("velsen", "Velsen", SubRegion.IJmond);
    public static Municipality Beverwijk { get; } = new("beverwijk", "Beverwijk", SubRegion.IJmond);
    public static Municipality Heemskerk { get; } = new("heemskerk", "Heemskerk", SubRegion.IJmond);

    public static IReadOnlyList<Municipality> All { get; } =
        [Haarlem, Bloemendaal, Heemstede, Zandvoort, Velsen, Beverwijk, Heemskerk];

    public static bool TryParse([NotNullWhen(true)] string? code, [NotNullWhen(true)] out Municipality? municipality)
    {
        municipality = All.FirstOrDefault(m => string.Equals(m.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return municipality is not null;
    }

    public static Municipality Parse(string? code) =>
        TryParse(code, out var municipality)
            ? municipality
            : throw new DomainException("municipality.unknown", $"'{code}' is not one of the seven municipalities.");

    public override string ToString() => Code;
}
