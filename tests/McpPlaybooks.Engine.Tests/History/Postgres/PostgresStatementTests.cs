using System.Text.RegularExpressions;
using McpPlaybooks.Engine.History.Dialect;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Postgres;
using McpPlaybooks.Engine.Tests.History.Dialect;
using McpPlaybooks.Engine.Tests.Support;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

/// <summary>
/// Every statement of the PostgreSQL dialect, prepared by a real PostgreSQL against the migrated schema: PREPARE parses
/// it, resolves every table, column and function and infers its parameters' types, without running it.
/// </summary>
public sealed partial class PostgresStatementTests : IAsyncLifetime
{
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresServer.CreateSchemaAsync();
        await using var dataSource = await PostgresHistory.OpenAsync(_schema.Location, TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Prepare_EveryPostgresStatement_MatchesTheSchema()
    {
        var failures = new List<string>();
        await using var connection = await _schema.ConnectAsync();
        var n = 0;
        // Fragments (a status list, BEGIN, the full-text pieces) are checked inside the statements that use them.
        foreach (var (name, sql) in DialectStatements.Of(SqlDialect.Postgres).Where(s => Statement().IsMatch(s.Value)))
        {
            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            var positional = Parameter().Replace(sql, match =>
            {
                if (!numbers.TryGetValue(match.Groups[1].Value, out var number))
                {
                    numbers[match.Groups[1].Value] = number = numbers.Count + 1;
                }

                return "$" + number;
            });
            try
            {
                await using var prepare = new NpgsqlCommand($"PREPARE s{n++} AS {positional}", connection);
                await prepare.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                failures.Add($"{name}: {e.SqlState} {e.MessageText}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(n > 40, $"only {n} statements were prepared");
    }

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    [GeneratedRegex(@"(?<![:\w])@(\w+)")]
    private static partial Regex Parameter();
}
