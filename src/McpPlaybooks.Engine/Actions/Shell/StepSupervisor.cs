namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// One <c>/bin/sh</c> per engine process, in a session of its own and deaf to the terminal's signals, that kills every
/// process of this engine's steps when the engine is gone. It reads a pipe whose only writer is the engine (the write end
/// closes on exec, so no step holds it): the read ends when the engine's process ends however it ends, kill -9
/// included. It then kills, until none is left, each process whose environment carries this engine's marker (every
/// step's process has it, and so do their descendants, even those that left the step's group or session) and the
/// process group each of them leads. Started with the first step; started again if it has died.
/// </summary>
internal static class StepSupervisor
{
    /// <summary>The environment variable whose value, unique to this engine process, marks every process of its steps.</summary>
    public const string MarkerVariable = "MCP_PLAYBOOKS_ENGINE";

    // $1: this engine's marker, $2: grep. Rounds until no marked process is found (one may fork while the table is read).
    private const string Script = """
        trap '' HUP INT QUIT TERM TSTP TTIN TTOU
        while read -r _; do :; done
        r=0
        while [ "$r" -lt 20 ]; do
          r=$((r + 1))
          found=
          for f in $("$2" -lsxzF -- "MCP_PLAYBOOKS_ENGINE=$1" /proc/[0-9]*/environ); do
            p=${f#/proc/}
            p=${p%/environ}
            kill -s KILL -- "-$p" 2>/dev/null
            kill -s KILL -- "$p" 2>/dev/null && found=1
          done
          [ -n "$found" ] || exit 0
        done
        """;

    private static readonly Lock Gate = new();
    private static int _pid;
    private static int _lifeline = -1;

    /// <summary>This engine process's marker (32 hex digits).</summary>
    public static string Marker { get; } = Guid.NewGuid().ToString("n");

    /// <summary>Starts the supervisor, or starts it again when it has died (someone killed it); returns its pid.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">It could not be started.</exception>
    public static int Ensure(string shell, string grep)
    {
        lock (Gate)
        {
            // 0: still running. Otherwise it has ended (and is reaped now), or was never started.
            if (_pid > 0 && Libc.WaitPid(_pid, out _, Libc.WNoHang) == 0)
            {
                return _pid;
            }

            var lifeline = AnonymousPipe.Create();
            try
            {
                _pid = PosixSpawn.Start(shell, [shell, "-c", Script, "mcp-playbooks-supervisor", Marker, grep], ["PATH=/usr/bin:/bin"], "/", lifeline.Read, -1, -1);
            }
            catch
            {
                lifeline.Close();
                throw;
            }

            Libc.Close(lifeline.Read);
            if (_lifeline >= 0)
            {
                Libc.Close(_lifeline);
            }

            _lifeline = lifeline.Write;
            return _pid;
        }
    }
}
