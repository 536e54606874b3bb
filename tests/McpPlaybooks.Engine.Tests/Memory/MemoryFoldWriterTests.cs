using System.Data.Common;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Tests.History;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>
/// The fold inside the writer's group commit: the last save of an execution wins, and a failing fold never fails the write.
/// Run on both stores: <see cref="MemoryFoldWriterTestsOnSqlite"/> and <see cref="MemoryFoldWriterTestsOnPostgres"/>.
/// </summary>
public abstract class MemoryFoldWriterTests(StoreKind kind) : IAsyncLifetime
{
    private StoreHome home = null!;

    public async Task InitializeAsync() => home = await StoreHome.CreateAsync(kind);

    public async Task DisposeAsync() => await home.DisposeAsync();

    [Fact]
    public async Task WriteAsync_ExecutionSavedTwiceInOneGroup_FoldsItsLastSave()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));

        using (var pause = new WriterPause(store))
        {
            var first = store.WriteAsync(new HistoryWrite.SaveExecution(Ended("run-1", ExecutionStatus.Failed)));
            var second = store.WriteAsync(new HistoryWrite.SaveExecution(Ended("run-1", ExecutionStatus.Completed)));
            await pause.ReleaseAsync();
            await Task.WhenAll(first, second);
        }

        using var connection = home.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT runs, completed, failed FROM memory_playbook_days";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal((1L, 1L, 0L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
    }

    [Fact]
    public async Task WriteAsync_FoldThrowsAnUnexpectedException_TheFinalStatusIsStillSaved()
    {
        await using var store = await home.OpenAsync();
        await store.WriteAsync(Started("run-1"));
        using (DbConnection connection = home.Connect())
        {
            // An attempt number past Int32 makes the fold's reader throw OverflowException.
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO step_attempts (execution_id, step_id, kind, iteration, attempt, action, status, started_at)
                VALUES ('run-1', 'restart', 'step', -1, 5000000000, 'shell', 'failed', 0)
                """;
            command.ExecuteNonQuery();
        }

        await store.WriteAsync(new HistoryWrite.SaveExecution(Ended("run-1", ExecutionStatus.Failed)));

        Assert.Equal(ExecutionStatus.Failed, (await store.GetExecutionAsync("run-1", CancellationToken.None))!.Status);
        using var check = home.Connect();
        using var folds = check.CreateCommand();
        folds.CommandText = "SELECT count(*) FROM memory_folds";
        Assert.Equal(0L, Convert.ToInt64(folds.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Engine.History.Records.ExecutionRecord Ended(string id, ExecutionStatus status) =>
        Run(id, status: status) with { StartedAt = T0, EndedAt = T0.AddMinutes(1), UpdatedAt = T0.AddMinutes(1) };
}

public sealed class MemoryFoldWriterTestsOnSqlite() : MemoryFoldWriterTests(StoreKind.Sqlite);

public sealed class MemoryFoldWriterTestsOnPostgres() : MemoryFoldWriterTests(StoreKind.Postgres);
