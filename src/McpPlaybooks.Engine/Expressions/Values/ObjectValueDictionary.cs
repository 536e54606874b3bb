using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace McpPlaybooks.Engine.Expressions.Values;

/// <summary>A read-only dictionary view of an <see cref="ObjectValue"/> that enumerates in property order.</summary>
internal sealed class ObjectValueDictionary(ObjectValue source) : IReadOnlyDictionary<string, Value>
{
    public int Count => source.Entries.Length;

    public IEnumerable<string> Keys => source.Entries.Select(e => e.Key);

    public IEnumerable<Value> Values => source.Entries.Select(e => e.Value);

    public Value this[string key] =>
        source.TryGetProperty(key, out var value) ? value : throw new KeyNotFoundException($"No property '{key}'.");

    public bool ContainsKey(string key) => source.TryGetProperty(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Value value) => source.TryGetProperty(key, out value);

    public IEnumerator<KeyValuePair<string, Value>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, Value>>)source.Entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
