using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace McpPlaybooks.Engine.History.Schema;

/// <summary>
/// The database file before and as it is opened: a new one is built aside (0600, migrated) and linked into place, so
/// the path never holds a half-made file and an existing file is never replaced. An existing file must be a whole
/// SQLite database this user may write; anything else (empty, truncated, not SQLite, damaged pages, read-only) is
/// refused with one line saying which file, what is wrong and what to do.
/// </summary>
internal static class DatabaseFile
{
    private const int HeaderLength = 100;

    private const string Restore = "Restore it from a backup, or move it aside (keep it for inspection) to start a new history, or choose another data directory.";

    /// <summary>Creates a new, migrated database at <paramref name="path"/> when no file is there; returns the migrations run.</summary>
    public static int CreateIfMissing(string path)
    {
        if (File.Exists(path))
        {
            return 0;
        }

        var aside = path + ".new-" + Guid.NewGuid().ToString("N");
        try
        {
            using (new FileStream(aside, PrivateFiles.CreateNew()))
            {
            }

            int applied;
            using (var connection = DatabaseSetup.OpenWriter(aside))
            {
                applied = DatabaseSetup.Migrate(connection, aside).Applied;
            }

            try
            {
                // A link, not a rename: it fails when another process put its own file there first, which then wins.
                File.Move(aside, path, overwrite: false);
                return applied;
            }
            catch (IOException) when (File.Exists(path))
            {
                return 0;
            }
        }
        catch (SqliteException exception)
        {
            throw HistoryErrors.From(exception, path, "creating the database");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HistoryWriteException(
                $"Cannot create the history database '{path}': {exception.Message} Check that this user may write its directory, or choose another data directory.",
                path,
                null,
                exception);
        }
        finally
        {
            foreach (var leftover in new[] { aside, aside + "-wal", aside + "-shm" })
            {
                File.Delete(leftover);
            }
        }
    }

    /// <summary>Refuses an existing file that is empty, too short, not SQLite, or not writable by this user.</summary>
    public static void CheckExisting(string path)
    {
        var header = new byte[HeaderLength];
        long length;
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            length = stream.Length;
            read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw Refused(path, $"cannot be read and written by this user ({exception.Message})",
                "Give this user read and write access to it and to its directory (chmod u+rw), or run as the user who owns it.", exception);
        }

        if (length == 0)
        {
            throw Refused(path, "is empty (0 bytes): an existing file is never initialised over, in case its history was lost by a failed copy or a full disk", Restore, null);
        }

        if (read < HeaderLength || !header.AsSpan(0, 16).SequenceEqual("SQLite format 3\0"u8))
        {
            throw Refused(path, $"is not a history database ({length} bytes without the SQLite header)", Restore, null);
        }

        var pageSize = (header[16] << 8) | header[17];
        pageSize = pageSize == 1 ? 65536 : pageSize;
        if (pageSize < 512 || length % pageSize != 0)
        {
            throw Refused(path, $"is damaged: it is truncated or padded ({length} bytes is not a whole number of {pageSize}-byte pages)", Restore, null);
        }
    }

    /// <summary>Refuses a database SQLite opened read-only or whose pages do not pass <c>PRAGMA quick_check</c>.</summary>
    public static void CheckOpened(SqliteConnection connection, string path)
    {
        CheckWritable(connection, path);
        QuickCheck(connection, path);
    }

    /// <summary>Refuses a database SQLite opened read-only.</summary>
    public static void CheckWritable(SqliteConnection connection, string path)
    {
        if (raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw Refused(path, "is read-only for this process",
                "Give this user write access to it, its '-wal' and '-shm' files and its directory, or choose another data directory.", null);
        }
    }

    /// <summary>
    /// Refuses a database whose pages do not pass <c>PRAGMA quick_check</c>. It reads every page, so its time grows with the
    /// history: a server runs it beside serving (<see cref="HistoryStore.Checked"/>), on a read connection.
    /// </summary>
    public static void QuickCheck(SqliteConnection connection, string path)
    {
        var problems = connection.QuerySql("PRAGMA quick_check(3)", static r => r.GetString(0));
        if (problems is not ["ok"])
        {
            throw Refused(path, $"is damaged: PRAGMA quick_check found {string.Join("; ", problems).ReplaceLineEndings(" ")}", Restore, null);
        }
    }

    private static HistoryWriteException Refused(string path, string what, string todo, Exception? inner) =>
        new($"The history database '{path}' {what}. {todo}", path, null, inner);
}
