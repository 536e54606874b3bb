namespace McpPlaybooks.Engine.Actions;

/// <summary>The runtimes of the actions, by name: what the executor calls.</summary>
public sealed class ActionRegistry
{
    private readonly Dictionary<string, IActionHandler> _handlers;

    public ActionRegistry(IEnumerable<IActionHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _handlers = handlers.ToDictionary(h => h.Descriptor.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _handlers.Keys.Order(StringComparer.Ordinal);

    public IActionHandler? Find(string name) => _handlers.GetValueOrDefault(name);

    /// <summary>The handler of <paramref name="name"/>; a name the validator let through always has one.</summary>
    public IActionHandler Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"no runtime for the action '{name}'; known: {string.Join(", ", Names)}");
}
