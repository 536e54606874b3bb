namespace McpPlaybooks.Engine.History.Schema;

/// <summary>Script 4 (issue #14): the process an attempt started, so that a takeover can tell whether it still runs.</summary>
internal static partial class Migrations
{
    private const string Processes =
        """
        -- Issue #14: the pid of the process a shell attempt started (on Linux its process group and session too) and its start
        -- time in clock ticks after boot (/proc/PID/stat field 22), so that a reused pid is not taken for it. Null for actions
        -- that start no process, and where the start time cannot be read.
        ALTER TABLE step_attempts ADD COLUMN process_id INTEGER;
        ALTER TABLE step_attempts ADD COLUMN process_started INTEGER;
        """;
}
