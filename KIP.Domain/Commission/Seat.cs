using System.Diagnostics.CodeAnalysis;

namespace KIP.Domain.Commission;

/// <summary>One of the five seats of the Commissie Sociaal Inkopen (rulebook §5).</summary>
public sealed record Seat
{
    private Seat(string code, int order)
    {
        Code = code;
        Order = order;
    }

    public string Code { get; }

    public int Order { get; }

    /// <summary>A representative of business from a currently recognised organisation.</summary>
    public static Seat Business { get; } = new("business", 0);

    /// <summary>Velsen/Heemskerk/Beverwijk, responsible for SROI.</summary>
    public static Seat SroiIJmond { get; } = new("sroi-ijmond", 1);

    /// <summary>Bloemendaal/Haarlem/Heemstede/Zandvoort, responsible for SROI.</summary>
    public static Seat SroiZuidKennemerland { get; } = new("sroi-zuid-kennemerland", 2);

    /// <summary>Municipality of Haarlem, responsible for Impact Ondernemen.</summary>
    public static Seat HaarlemImpact { get; } = new("haarlem-impact", 3);

    /// <summary>Municipality of Haarlem, responsible for Werk en Inkomen.</summary>
    public static Seat HaarlemWerkInkomen { get; } = new("haarlem-werk-inkomen", 4);

    public static IReadOnlyList<Seat> All { get; } =
        [Business, SroiIJmond, SroiZuidKennemerland, HaarlemImpact, HaarlemWerkInkomen];

    public bool IsBusiness => this == Business;

    public static bool TryParse([NotNullWhen(true)] string? code, [NotNullWhen(true)] out Seat? seat)
    {
        seat = All.FirstOrDefault(s => string.Equals(s.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return seat is not null;
    }

    public static Seat Parse(string? code) =>
        TryParse(code, out var seat) ? seat : throw new DomainException("seat.unknown", $"'{code}' is not a seat.");

    public override string ToString() => Code;
}
