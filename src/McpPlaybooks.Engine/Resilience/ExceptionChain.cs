using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>Walks an exception, its inner exceptions and an AggregateException's members, outermost first.</summary>
internal static class ExceptionChain
{
    /// <summary>The most exceptions looked at, so that a pathological chain (or a cycle) cannot run away.</summary>
    private const int MaxExceptions = 32;

    /// <summary>The longest text a pattern is matched against; the tail is kept, where errors usually are.</summary>
    private const int MaxTextLength = 64 * 1024;

    public static IEnumerable<Exception> Walk(Exception root)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Exception>();
        queue.Enqueue(root);
        while (queue.Count > 0 && seen.Count < MaxExceptions)
        {
            var current = queue.Dequeue();
            if (!seen.Add(current))
            {
                continue;
            }

            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    queue.Enqueue(inner);
                }
            }
            else if (current.InnerException is { } inner)
            {
                queue.Enqueue(inner);
            }
        }
    }

    /// <summary>The first <see cref="ActionFailedException"/> in the chain, if any.</summary>
    public static ActionFailedException? FindActionFailure(Exception root) =>
        Walk(root).OfType<ActionFailedException>().FirstOrDefault();

    /// <summary>Whether the chain holds a <see cref="TimeoutException"/>: an OperationCanceledException that is really a timeout.</summary>
    public static bool HasTimeout(Exception root) => Walk(root).Any(e => e is TimeoutException);

    /// <summary>The texts patterns are matched against: every message in the chain, then the failed attempt's stderr.</summary>
    public static List<string> Texts(Exception root)
    {
        var texts = new List<string>();
        foreach (var error in Walk(root))
        {
            if (!string.IsNullOrEmpty(error.Message) && !texts.Contains(error.Message, StringComparer.Ordinal))
            {
                texts.Add(Bound(error.Message));
            }
        }

        if (FindActionFailure(root)?.Output is { } output
            && output.TryGetProperty("stderr", out var stderr)
            && stderr.Kind == ValueKind.String
            && stderr.AsString() is { Length: > 0 } text)
        {
            texts.Add(Bound(text));
        }

        return texts;
    }

    private static string Bound(string text) => text.Length <= MaxTextLength ? text : text[^MaxTextLength..];
}
