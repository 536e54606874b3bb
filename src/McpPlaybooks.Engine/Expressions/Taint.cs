namespace McpPlaybooks.Engine.Expressions;

/// <summary>
/// What a value the expression engine derived from a secret carries: the secret-derived texts it holds (each
/// masked wherever the value leaves the engine) and the execution's <see cref="DerivedSecrets"/>, where every new
/// one is registered as it is made, before any text that holds it can be written anywhere.
/// </summary>
internal sealed class Taint
{
    private Taint(DerivedSecrets sink, string[] fragments)
    {
        Sink = sink;
        Fragments = fragments;
    }

    public DerivedSecrets Sink { get; }

    /// <summary>The secret-derived texts, longest first; none is empty.</summary>
    public IReadOnlyList<string> Fragments { get; }

    /// <summary>A taint of these texts, registered with the sink; null when every text is empty.</summary>
    public static Taint? Of(DerivedSecrets sink, IEnumerable<string> fragments)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var distinct = fragments.Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length).ToArray();
        if (distinct.Length == 0)
        {
            return null;
        }

        foreach (var fragment in distinct)
        {
            sink.Add(fragment);
        }

        return new Taint(sink, distinct);
    }

    /// <summary>Both taints' texts (in the first one's sink); null when both are null.</summary>
    public static Taint? Union(Taint? first, Taint? second) =>
        first is null ? second
        : second is null || ReferenceEquals(first, second) ? first
        : Of(first.Sink, first.Fragments.Concat(second.Fragments));

    /// <summary>The union of the taints of these values and of everything inside them; null when none is tainted.</summary>
    public static Taint? Gather(IEnumerable<Value> values)
    {
        DerivedSecrets? sink = null;
        List<string>? fragments = null;
        foreach (var value in values)
        {
            if (value.CollectTaint() is { } taint)
            {
                sink ??= taint.Sink;
                (fragments ??= []).AddRange(taint.Fragments);
            }
        }

        return sink is null ? null : Of(sink, fragments!);
    }

    /// <summary>
    /// What JSON parsed from a tainted text holds: a string or number that is a piece of one of these texts (a
    /// secret's own JSON) is a secret in its own right, one that holds one of them carries it, the rest is clean.
    /// </summary>
    public Value Within(Value parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.Kind switch
        {
            ValueKind.String or ValueKind.Number => Holding(parsed),
            ValueKind.List => Value.From(parsed.AsList().Select(Within)),
            ValueKind.Object => Value.From(parsed.AsObject().Select(p => KeyValuePair.Create(p.Key, Within(p.Value)))),
            _ => parsed,
        };
    }

    /// <summary>The taint of a text made from these texts character by character, such as their upper case.</summary>
    public Taint? Map(Func<string, string> transform) => Of(Sink, Fragments.Select(transform));

    private Value Holding(Value scalar)
    {
        var text = scalar.ToDisplayString();
        if (text.Length == 0)
        {
            return scalar;
        }

        if (Fragments.Any(f => f.Contains(text, StringComparison.Ordinal)))
        {
            return scalar.AsSecret(Sink);
        }

        var held = Fragments.Where(f => text.Contains(f, StringComparison.Ordinal)).ToList();
        return held.Count == 0 ? scalar : scalar.WithTaint(Of(Sink, held));
    }

    /// <summary>This taint plus a whole new text derived from it (a text that shares no character run with the secret, such as its base64).</summary>
    public Taint? With(string derived) => Of(Sink, Fragments.Append(derived));
}
