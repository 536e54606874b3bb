using System.Reflection;
using System.Text;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Starts;
using McpPlaybooks.Engine.Memory.Folding;

namespace McpPlaybooks.Engine.Tests.History.Dialect;

/// <summary>Every fixed statement of the history and the learning memory in one dialect, by name, as one text (for golden files and checks).</summary>
internal static class DialectStatements
{
    public static SortedDictionary<string, string> Of(SqlDialect dialect)
    {
        var sources = new (Type Type, object? Instance)[]
        {
            (typeof(WriteStatements), null),
            (typeof(LeaseStatements), LeaseStatements.For(dialect)),
            (typeof(ReadStatements), ReadStatements.For(dialect)),
            (typeof(MemoryBackfill), MemoryBackfill.For(dialect)),
            (typeof(FoldSql), FoldSql.For(dialect)),
            (typeof(LastSuccessSql), LastSuccessSql.For(dialect)),
            (typeof(StartCheckStatements), StartCheckStatements.For(dialect)),
        };
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, instance) in sources)
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.FieldType == typeof(string)))
            {
                all[type.Name + "." + field.Name] = (string)field.GetValue(null)!;
            }

            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.PropertyType == typeof(string)))
            {
                all[type.Name + "." + property.Name] = (string)property.GetValue(instance)!;
            }
        }

        all["ExecutionListSql.Build(every filter)"] = ExecutionListSql.Build(EveryFilter, 51, dialect).Sql;
        all["ExecutionListSql.Build(none)"] = ExecutionListSql.Build(new ExecutionQuery(), 51, dialect).Sql;
        all["SqlDialect.InsertOrReplace(approval_pages)"] =
            dialect.InsertOrReplace("approval_pages", [("owner_id", "@OwnerId"), ("base_url", "@BaseUrl"), ("started_at", "@StartedAt")], ["owner_id"]);
        all["SqlDialect.FullText"] = string.Join("\n", dialect.FullText.Match, dialect.FullText.Rank, dialect.FullText.Snippet);
        all["SqlDialect.BeginWrite"] = dialect.BeginWrite;
        if (dialect.LockStart is { } lockStart)
        {
            all["SqlDialect.LockStart"] = lockStart;
        }

        if (dialect.WakeOwner is { } wake)
        {
            all["SqlDialect.WakeOwner"] = wake;
        }

        if (dialect.WakeRequester is { } handled)
        {
            all["SqlDialect.WakeRequester"] = handled;
        }

        return all;
    }

    /// <summary>The statements as one text; with <paramref name="differingFrom"/>, only those whose text differs from that dialect's.</summary>
    public static string Text(SqlDialect dialect, SqlDialect? differingFrom = null)
    {
        var other = differingFrom is null ? null : Of(differingFrom);
        var text = new StringBuilder();
        foreach (var (name, sql) in Of(dialect).Where(s => other is null || other.GetValueOrDefault(s.Key) != s.Value))
        {
            text.Append("-- ").Append(name).Append('\n').Append(sql).Append("\n\n");
        }

        return text.ToString();
    }

    private static ExecutionQuery EveryFilter => new()
    {
        PlaybookId = "p",
        StartedBy = "alice",
        Text = "disk_%",
        ActiveOnly = true,
        Cursor = new ExecutionCursor(5, "run-5").Encode(),
    };
}
