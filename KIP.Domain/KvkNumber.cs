using System.Diagnostics.CodeAnalysis;

namespace KIP.Domain;

/// <summary>A KvK number: exactly 8 ASCII digits, leading zeros kept, no check digit (rulebook §1).</summary>
public sealed record KvkNumber
{
    public const int Length = 8;

    private KvkNumber(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out KvkNumber? kvkNumber)
    {
        kvkNumber = null;
        if (text is null || text.Length != Length || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        kvkNumber = new KvkNumber(text);
        return true;
    }

    public static KvkNumber Parse(string? text) =>
        TryParse(text, out var kvkNumber)
            ? kvkNumber
            : throw new DomainException("kvk.invalid", "A KvK number is exactly 8 digits.");

    public override string ToString() => Value;
}
