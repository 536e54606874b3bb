namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// A dictionary-backed <see cref="IExpressionScope"/>. Names are compared ordinally. A root that is not
/// found here is looked up in the optional parent scope, so a loop iteration can add <c>item</c> and
/// <c>index</c> on top of the execution's scope without copying it.
/// </summary>
public sealed class ExpressionScope : IExpressionScope
{
    private readonly Dictionary<string, Value> _roots;
    private readonly IExpressionScope? _parent;

    public ExpressionScope()
        : this(parent: null)
    {
    }

    public ExpressionScope(IExpressionScope? parent)
    {
        _roots = new Dictionary<string, Value>(StringComparer.Ordinal);
        _parent = parent;
    }

    public ExpressionScope(IReadOnlyDictionary<string, Value> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = new Dictionary<string, Value>(roots.Count, StringComparer.Ordinal);
        foreach (var (name, value) in roots)
        {
            _roots.Add(name, value ?? Value.Null);
        }
    }

    /// <summary>Adds a root; throws <see cref="ArgumentException"/> when it is already defined here.</summary>
    public void Add(string root, Value value)
    {
        ArgumentNullException.ThrowIfNull(root);
        _roots.Add(root, value ?? Value.Null);
    }

    /// <summary>Adds a root or replaces its value.</summary>
    public void Set(string root, Value value)
    {
        ArgumentNullException.ThrowIfNull(root);
        _roots[root] = value ?? Value.Null;
    }

    public bool TryGetRoot(string name, out Value value)
    {
        if (_roots.TryGetValue(name, out var found))
        {
            value = found;
            return true;
        }

        if (_parent is not null)
        {
            return _parent.TryGetRoot(name, out value);
        }

        value = Value.Null;
        return false;
    }
}
