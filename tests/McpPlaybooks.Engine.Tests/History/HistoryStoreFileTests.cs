using Dapper;
using McpPlaybooks.Engine.History;
using static McpPlaybooks.Engine.Tests.History.HistorySamples;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>The database file itself: private permissions, and damaged or empty files refused rather than replaced.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HistoryStoreFileTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;
    private readonly HistoryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task OpenAsync_FreshDataDirectory_DirectoryIs0700AndFilesAre0600()
    {
        var path = Path.Combine(folder.Root, "data", "history.db");

        await using var store = await HistoryFolder.OpenAsync(path);
        await store.WriteAsync(Started("run-1"));

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(Private, File.GetUnixFileMode(path));
        Assert.Equal(Private, File.GetUnixFileMode(path + "-wal"));
        Assert.Equal(Private, File.GetUnixFileMode(path + "-shm"));
    }

    [Fact]
    public async Task EngineOpen_MissingNestedDataDirectory_EachDirectoryItCreatesIs0700()
    {
        // As `mcp-playbooks run --data-dir a/b/c` on a fresh machine: the engine creates the directories before the history does.
        var top = Path.Combine(folder.Root, "a");
        var data = Path.Combine(top, "b", "c");

        await using (await McpPlaybooks.Engine.Execution.PlaybookEngine.OpenAsync(new McpPlaybooks.Engine.Configuration.EngineOptions { DataDirectory = data }, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, new System.Collections.Hashtable(), CancellationToken.None))
        {
        }

        foreach (var directory in new[] { top, Path.Combine(top, "b"), data })
        {
            Assert.Equal(PrivateDirectory, File.GetUnixFileMode(directory));
        }
    }

    [Fact]
    public async Task OpenAsync_ExistingWorldReadableDatabase_IsMade0600()
    {
        await using (var first = await folder.OpenAsync())
        {
            await first.WriteAsync(Started("run-1"));
        }

        var open = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(folder.DatabasePath, open);

        await using var second = await folder.OpenAsync();

        Assert.Equal(Private, File.GetUnixFileMode(folder.DatabasePath));
        Assert.NotNull(await second.GetExecutionAsync("run-1", CancellationToken.None));
    }

    [Fact]
    public async Task OpenAsync_EmptyExistingFile_IsRefusedAndLeftAsItIs()
    {
        await File.WriteAllBytesAsync(folder.DatabasePath, []);

        var error = await Assert.ThrowsAsync<HistoryWriteException>(folder.OpenAsync);

        Assert.Contains($"'{folder.DatabasePath}' is empty (0 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(0, new FileInfo(folder.DatabasePath).Length);
    }

    [Fact]
    public async Task OpenAsync_TruncatedDatabase_IsRefusedAsDamaged()
    {
        await FillAsync();
        var bytes = await File.ReadAllBytesAsync(folder.DatabasePath);
        await File.WriteAllBytesAsync(folder.DatabasePath, bytes[..(bytes.Length / 2 + 100)]);

        var error = await Assert.ThrowsAsync<HistoryWriteException>(folder.OpenAsync);

        Assert.Contains(folder.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(bytes.Length / 2 + 100, new FileInfo(folder.DatabasePath).Length);
    }

    [Fact]
    public async Task OpenAsync_GarbageInsideThePages_IsRefusedByTheQuickCheck()
    {
        await FillAsync();
        var bytes = await File.ReadAllBytesAsync(folder.DatabasePath);
        for (var i = 4096 + 8; i < bytes.Length; i += 7)
        {
            bytes[i] = 0xA5;
        }

        await File.WriteAllBytesAsync(folder.DatabasePath, bytes);

        var error = await Assert.ThrowsAsync<HistoryWriteException>(folder.OpenAsync);

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task OpenAsync_CheckBesideOnABrokenFreelist_OpensThenCheckedFaultsAsDamaged()
    {
        await FillAsync();
        using (var raw = folder.Connect())
        {
            raw.Execute("DROP TABLE filler"); // its pages go to the freelist, which only the page check reads
        }

        // The freelist's first trunk page (file header bytes 32-35) says it lists far more leaves than a page holds.
        var bytes = await File.ReadAllBytesAsync(folder.DatabasePath);
        var pageSize = (bytes[16] << 8) | bytes[17];
        var trunk = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(32));
        Assert.True(trunk > 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(((trunk - 1) * pageSize) + 4), 5000);
        await File.WriteAllBytesAsync(folder.DatabasePath, bytes);
        await Assert.ThrowsAsync<HistoryWriteException>(folder.OpenAsync); // the check at open refuses it

        // A server opens at once; the page check follows beside it and says the same.
        await using var store = await HistoryStore.OpenAsync(folder.DatabasePath, TimeProvider.System, null, null, checkBeside: true, CancellationToken.None);
        var error = await Assert.ThrowsAsync<HistoryWriteException>(() => store.Checked);

        Assert.Contains(folder.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("is damaged: PRAGMA quick_check found", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task OpenAsync_CheckBesideOnASoundFile_CheckedCompletes()
    {
        await FillAsync();

        await using var store = await HistoryStore.OpenAsync(folder.DatabasePath, TimeProvider.System, null, null, checkBeside: true, CancellationToken.None);

        await store.Checked;
        Assert.True(store.Checked.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task OpenAsync_ShortGarbageFile_IsRefusedAsNotADatabase()
    {
        await File.WriteAllTextAsync(folder.DatabasePath, "hello");

        var error = await Assert.ThrowsAsync<HistoryWriteException>(folder.OpenAsync);

        Assert.Contains("is not a history database", error.Message, StringComparison.Ordinal);
        Assert.Equal("hello", await File.ReadAllTextAsync(folder.DatabasePath));
    }

    /// <summary>A history of 40 executions and filler rows, checkpointed into the main file.</summary>
    private async Task FillAsync()
    {
        await using (var store = await folder.OpenAsync())
        {
            for (var i = 0; i < 40; i++)
            {
                await store.WriteAsync(Started($"run-{i}"));
            }
        }

        // About 60 pages of rows beside the history's own, so that a cut or a scribble lands in the middle of a b-tree.
        using var raw = folder.Connect();
        raw.Execute("CREATE TABLE filler(body BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT randomblob(1000) FROM n");
        raw.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
}
