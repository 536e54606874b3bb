using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The pool of connections to a PostgreSQL history. Built with Npgsql's slim builder (Native AOT: only the types the
/// store uses, plus TLS and arrays), with an application name that says who is connected.
/// </summary>
internal static class PostgresDataSource
{
    /// <summary>
    /// How many statements each connection keeps prepared on the server (Npgsql's <c>Max Auto Prepare</c>): a statement
    /// is prepared from its fifth run on; the history runs fewer distinct statements than this.
    /// </summary>
    internal const int AutoPrepared = 200;

    /// <remarks>Npgsql gets no logger: it logs every command at Information. Its failures reach us as exceptions (<see cref="PostgresErrors"/>).</remarks>
    public static NpgsqlDataSource Create(HistoryLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Kind != StoreKind.Postgres)
        {
            throw new ArgumentException($"'{location.Display}' is not a PostgreSQL history", nameof(location));
        }

        var builder = new NpgsqlSlimDataSourceBuilder(location.Target);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = "mcp-playbooks";
        }

        // Without this every statement is parsed and planned again each time it runs: half of PostgreSQL's CPU under a
        // steady load of executions. A string that names the setting (a pooler that cannot keep prepared statements
        // needs 0) keeps its own value.
        if (!location.Target.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !location.Target.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPrepared;
        }

        builder.EnableTransportSecurity();
        builder.EnableArrays();
        return builder.Build();
    }
}
