namespace KIP.Web.Settings;

/// <summary>KIP refuses to start: one line per wrong setting, each naming its key and what is allowed.</summary>
public sealed class KipSettingsException : InvalidOperationException
{
    public KipSettingsException()
        : this([])
    {
    }

    public KipSettingsException(string message)
        : this([message])
    {
    }

    public KipSettingsException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public KipSettingsException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        (problems.Count == 1
            ? "KIP start niet: 1 instelling klopt niet. / KIP refuses to start: 1 setting is wrong."
            : $"KIP start niet: {problems.Count} instellingen kloppen niet. / KIP refuses to start: {problems.Count} settings are wrong.")
        + string.Concat(problems.Select(p => Environment.NewLine + "- " + p));
}
