using McpPlaybooks.Engine.Actions.Descriptors;

namespace McpPlaybooks.Engine.Actions;

/// <summary>The actions a playbook may use, by name.</summary>
public sealed class ActionCatalog
{
    private readonly Dictionary<string, ActionDescriptor> _actions;

    public ActionCatalog(IEnumerable<ActionDescriptor> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The built-in actions of the format.</summary>
    public static ActionCatalog BuiltIn { get; } = new(
    [
        ShellAction.Descriptor,
        HttpAction.Descriptor,
        WaitAction.Descriptor,
        WaitForAction.Descriptor,
        ApprovalAction.Descriptor,
        EventAction.Descriptor,
        SetAction.Descriptor,
        AssertAction.Descriptor,
        LogAction.Descriptor,
        NotifyAction.Descriptor,
        PlaybookAction.Descriptor,
    ]);

    public IEnumerable<string> Names => _actions.Keys.Order(StringComparer.Ordinal);

    public ActionDescriptor? Find(string name) => _actions.GetValueOrDefault(name);
}
