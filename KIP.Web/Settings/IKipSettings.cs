namespace KIP.Web.Settings;

/// <summary>
/// An options class bound to one section of the <c>Kip:*</c> configuration. Start-up finds every such class, binds it,
/// checks its shape (known keys, values of the right type) and its <see cref="Check"/>, and refuses to start on any
/// wrong setting (<see cref="KipSettings"/>); the README's configuration table is tested against these classes.
/// </summary>
public interface IKipSettings<TSelf>
    where TSelf : class, IKipSettings<TSelf>, new()
{
    /// <summary>The configuration path, e.g. <c>Kip:Mail</c>.</summary>
    static abstract string Section { get; }

    /// <summary>The section's rules beyond types: allowed values, required settings, settings that go together.</summary>
    static abstract void Check(TSelf settings, SettingErrors errors);
}
