using System.Collections.Concurrent;

namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>Statements built once per dialect, on first use (there are two dialects, so at most two of each).</summary>
internal sealed class DialectCache<T>(Func<SqlDialect, T> build)
    where T : class
{
    private readonly ConcurrentDictionary<SqlDialect, T> _built = new(ReferenceEqualityComparer.Instance);

    public T For(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return _built.GetOrAdd(dialect, build);
    }
}
