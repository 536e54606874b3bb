using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The pool of connections to a PostgreSQL history. Built with Npgsql's slim builder (Native AOT: only the types the
/// store uses, plus TLS and arrays), with an application name that says who is connected.
/// </summary>
internal static class PostgresDataSource
{
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

        builder.EnableTransportSecurity();
        builder.EnableArrays();
        return builder.Build();
    }
}
