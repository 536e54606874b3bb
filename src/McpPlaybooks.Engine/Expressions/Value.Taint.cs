namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// The taint aspect of <see cref="Value"/>: a string or number the engine derived from a secret carries a
/// <see cref="Expressions.Taint"/>, so it is masked wherever it leaves the engine while expressions still use
/// the real value. Taint never takes part in equality.
/// </summary>
public abstract partial class Value
{
    /// <summary>The secret-derived texts this scalar holds; null when it holds none.</summary>
    internal Taint? Taint { get; private protected init; }

    /// <summary>True when this value, or any value inside it, was derived from a secret.</summary>
    internal virtual bool IsTainted => Taint is not null;

    /// <summary>The union of the taints of this value and of everything inside it (what its text or JSON holds).</summary>
    internal virtual Taint? CollectTaint() => Taint;

    /// <summary>This scalar carrying exactly <paramref name="taint"/> (none when null); a container, a boolean or null is returned as it is.</summary>
    internal virtual Value WithTaint(Taint? taint) => this;

    /// <summary>A copy in which every string and number is a secret in its own right (each registered with <paramref name="sink"/>).</summary>
    internal virtual Value AsSecret(DerivedSecrets sink) => this;

    /// <summary>The same value, its taints registered with <paramref name="sink"/> instead (a value handed to another execution).</summary>
    internal virtual Value Adopt(DerivedSecrets sink) =>
        Taint is null || ReferenceEquals(Taint.Sink, sink) ? this : WithTaint(Expressions.Taint.Of(sink, Taint.Fragments));
}
