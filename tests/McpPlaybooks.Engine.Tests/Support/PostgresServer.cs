using System.Diagnostics;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// The PostgreSQL the store tests run against: <c>MCPPLAYBOOKS_TEST_POSTGRES</c> (a connection string) when set, else a
/// throwaway cluster that <c>tests/postgres/start.sh</c> starts once per test run and stops when the run ends (its
/// watchdog stops it even if the run is killed). Each test takes its own schema (<see cref="CreateSchemaAsync"/>), so
/// tests stay independent and run in parallel. No PostgreSQL is a failure, never a skip.
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "MCPPLAYBOOKS_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string (a role that may create schemas in its database).</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    /// <summary>A new, empty schema of its own; dropped with everything in it when disposed.</summary>
    public static async Task<PostgresTestSchema> CreateSchemaAsync()
    {
        var server = await ConnectionStringAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = name };
        return new PostgresTestSchema(server, name, builder.ConnectionString);
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var root = RepositoryRoot();
        var script = Path.Combine(root, "tests", "postgres", "start.sh");
        var folder = Path.Combine(Path.GetTempPath(), $"mcpplaybooks-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var start = new ProcessStartInfo(script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { folder, "--watch", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var process = Process.Start(start) ?? throw Unavailable(script, "it could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var connection = (await output).Trim();
        if (process.ExitCode != 0 || connection.Length == 0)
        {
            throw Unavailable(script, $"it exited with {process.ExitCode}: {(await error).Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(root, folder);
        return connection;
    }

    private static void Stop(string root, string folder)
    {
        using var stop = Process.Start(new ProcessStartInfo(Path.Combine(root, "tests", "postgres", "stop.sh")) { ArgumentList = { folder } });
        stop?.WaitForExit(30_000);
    }

    private static InvalidOperationException Unavailable(string script, string why) => new(
        $"The store tests need PostgreSQL and none is available: {script} failed ({why}). Install PostgreSQL ('apt-get install postgresql' on "
            + $"Debian; the tests start a throwaway cluster themselves), or set {Variable} to the connection string of a role that may create schemas.");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "McpPlaybooks.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("McpPlaybooks.sln not found above " + AppContext.BaseDirectory);
    }
}
