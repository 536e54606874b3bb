using System.Buffers.Binary;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Validation;
using Microsoft.Data.Sqlite;

namespace McpPlaybooks.Benchmarks.Execution;

/// <summary>
/// <c>step-pages [COUNT]</c>: what the no-op chain of <c>steps</c> writes, page by page. After a warm-up run the WAL is
/// truncated, one COUNT-step chain runs, and the WAL's frames are read back: each commit's frames are the pages it
/// dirtied, each page is named by the b-tree it belongs to (<c>dbstat</c>). Prints commits and pages per step, and which
/// tables and indexes the pages belong to.
/// </summary>
internal static class StepPagesRun
{
    private const int WalHeader = 32;
    private const int FrameHeader = 24;

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
        var directory = Timings.TempDirectory("step-pages");
        try
        {
            await using var engine = await ParkedExecutions.OpenAsync(directory);
            var yaml = StepOverheadRun.Playbook(count, chain: true);
            var playbook = new PlaybookValidator().ValidateText(yaml, "bench.yaml").Playbook!;
            var request = new ExecutionRequest { Playbook = playbook, Content = yaml, StartedBy = "bench" };
            await engine.RunAsync(request, null, CancellationToken.None);
            var path = engine.History.Path;
            using var reader = new SqliteConnection($"Data Source={path};Pooling=False");
            reader.Open();
            Scalar(reader, "PRAGMA busy_timeout = 5000");
            Scalar(reader, "PRAGMA wal_checkpoint(TRUNCATE)");
            var before = engine.History.CommittedTransactions;
            await engine.RunAsync(request, null, CancellationToken.None);
            var commits = engine.History.CommittedTransactions - before;
            var frames = ReadFrames(path + "-wal");
            var names = PageNames(path, directory);
            var byName = frames.Pages.GroupBy(p => names.GetValueOrDefault(p, "(new page)"))
                .Select(g => (Name: g.Key, Count: g.Count()))
                .OrderByDescending(g => g.Count);
            Console.WriteLine($"{count}-step no-op chain: {commits} transactions ({(double)commits / count:F3} per step), {frames.Commits} commits in the WAL, {frames.Pages.Count} pages written ({(double)frames.Pages.Count / count:F2} per step, {frames.Pages.Count * (frames.PageSize + FrameHeader) / count / 1024.0:F1} KiB per step; page size {frames.PageSize})");
            Console.WriteLine($"{"b-tree",-34} {"pages/step",10}");
            foreach (var (name, pages) in byName)
            {
                Console.WriteLine($"{name,-34} {(double)pages / count,10:F2}");
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The pages of every committed frame of the WAL (one entry per frame), and how many commits they make.</summary>
    private static (List<uint> Pages, int Commits, int PageSize) ReadFrames(string wal)
    {
        using var file = new FileStream(wal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[WalHeader];
        file.ReadExactly(header);
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        var salt = header.AsSpan(16, 8).ToArray();
        var frame = new byte[FrameHeader + pageSize];
        var pages = new List<uint>();
        var open = new List<uint>();
        var commits = 0;
        while (file.Read(frame, 0, frame.Length) == frame.Length && frame.AsSpan(8, 8).SequenceEqual(salt))
        {
            open.Add(BinaryPrimitives.ReadUInt32BigEndian(frame));
            if (BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)) != 0)
            {
                pages.AddRange(open);
                open.Clear();
                commits++;
            }
        }

        return (pages, commits, pageSize);
    }

    /// <summary>
    /// Which b-tree each page belongs to, found by walking every b-tree from its root (the bundled SQLite has no
    /// <c>dbstat</c>), on a checkpointed copy of the file and its WAL, so the copy's file holds every page where the live one has it.
    /// </summary>
    private static Dictionary<uint, string> PageNames(string path, string directory)
    {
        var copy = Path.Combine(directory, "pages-copy.db");
        CopyShared(path, copy);
        CopyShared(path + "-wal", copy + "-wal");
        var roots = new List<(string Name, uint Root)> { ("sqlite_schema", 1) };
        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0";
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                roots.Add((rows.GetString(0), (uint)rows.GetInt64(1)));
            }
        }

        var file = File.ReadAllBytes(copy);
        var pageSize = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(16)) switch { 1 => 65536, var size => size };
        var names = new Dictionary<uint, string>();
        foreach (var (name, root) in roots)
        {
            var pending = new Stack<uint>([root]);
            while (pending.TryPop(out var number))
            {
                names[number] = name;
                var page = file.AsSpan((int)(number - 1) * pageSize, pageSize);
                var header = page[(number == 1 ? 100 : 0)..];
                if (header[0] is not (0x02 or 0x05))
                {
                    continue; // a leaf
                }

                // An interior page: a child pointer starts every cell, and the right-most child follows the cell count.
                var cells = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
                pending.Push(BinaryPrimitives.ReadUInt32BigEndian(header[8..]));
                for (var i = 0; i < cells; i++)
                {
                    var offset = BinaryPrimitives.ReadUInt16BigEndian(header[(12 + (2 * i))..]);
                    pending.Push(BinaryPrimitives.ReadUInt32BigEndian(page[offset..]));
                }
            }
        }

        return names;
    }

    private static void CopyShared(string from, string to)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var target = File.Create(to);
        source.CopyTo(target);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
