using McpPlaybooks.Engine.History.Location;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace McpPlaybooks.Engine.History.Postgres;

/// <summary>
/// The pool of connections to a PostgreSQL history. Built with Npgsql's slim builder (Native AOT: only the types the
/// store uses, plus TLS and arrays), with an application name that says who is connected.
/// </summary>
internal static class PostgresDataSource
{
    public static NpgsqlDataSource Create(HistoryLocation location, ILoggerFactory? loggerFactory)
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
        if (loggerFactory is not null)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        return builder.Build();
    }
}
