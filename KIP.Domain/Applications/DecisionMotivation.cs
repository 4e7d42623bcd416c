namespace KIP.Domain.Applications;

/// <summary>
/// §4: a decision carries a written motivation (required). The one place the rule is checked: a decision, and every
/// close of a vote, takes this type, so an empty motivation cannot reach either.
/// </summary>
public sealed record DecisionMotivation
{
    private DecisionMotivation(string text) => Text = text;

    public string Text { get; }

    public static DecisionMotivation Of(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? throw new DomainException("decision.motivation-required", "A decision needs a written motivation.")
            : new DecisionMotivation(text.Trim());

    public override string ToString() => Text;
}
