using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary><c>serve --database</c> at a PostgreSQL that cannot be used: one line on stderr, exit 1, the password nowhere.</summary>
public sealed class ServeDatabaseFailureTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Serve_WrongPassword_OneMaskedLineAndExit1()
    {
        await using var schema = await PostgresServer.CreateSchemaAsync();
        var wrong = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Password = "wrong-pass-7731" };
        var uri = $"postgres://{wrong.Username}:{wrong.Password}@{wrong.Host}:{wrong.Port}/{wrong.Database}";

        var result = await InProcessCli.RunAsync("serve", "--data-dir", _data.Path, "--database", uri);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: PostgreSQL refused the credentials for the history database '", line, StringComparison.Ordinal);
        Assert.Contains($"Port={wrong.Port}", line, StringComparison.Ordinal);
        AssertNowhere("wrong-pass-7731", result);
    }

    [Fact]
    public async Task Serve_NothingListening_OneMaskedLineSayingUnreachable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await InProcessCli.RunAsync("serve", "--data-dir", _data.Path, "--database", $"Host=127.0.0.1;Port={port};Database=h;Username=u;Password=pw-9912;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cannot be reached", line, StringComparison.Ordinal);
        Assert.Contains($"Port={port}", line, StringComparison.Ordinal);
        AssertNowhere("pw-9912", result);
    }

    /// <summary>Neither stdout, stderr nor the log files under the data directory hold <paramref name="secret"/>.</summary>
    private void AssertNowhere(string secret, CliResult result)
    {
        Assert.DoesNotContain(secret, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Error, StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    public void Dispose() => _data.Dispose();
}
