namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The processes of one running step: its leader's process group (when the launcher gave it one) and the processes whose
/// environment holds its marker, which may have left the group (<c>setsid</c>) or the tree (a double fork).
/// </summary>
internal sealed class StepProcesses(string markerValue, bool contained)
{
    private const int KillRounds = 20;

    /// <summary>The environment entry (<c>NAME=value</c>) that marks the step's processes.</summary>
    public string Marker { get; } = markerValue;

    /// <summary>True when the leader leads a process group and session of its own.</summary>
    public bool Contained { get; } = contained;

    /// <summary>The pid of the process started for the step.</summary>
    public int Leader { get; set; }

    private string Entry => $"{ProcessLauncher.MarkerVariable}={Marker}";

    /// <summary>Sends <paramref name="signal"/> to the group and to every marked process.</summary>
    public void SignalAll(int signal)
    {
        if (Contained)
        {
            ProcessTable.Signal(-Leader, signal);
        }

        if (ProcessTable.Available)
        {
            foreach (var pid in ProcessTable.ProcessesOf(Contained ? Leader : null, Entry))
            {
                ProcessTable.Signal(pid, signal);
            }
        }
    }

    /// <summary>Sends KILL until none is left (a process may fork while the table is read); those still alive after the last round.</summary>
    public IReadOnlyList<int> KillAll()
    {
        if (!ProcessTable.Available)
        {
            return [];
        }

        IReadOnlyList<int> left = [];
        for (var round = 0; round < KillRounds; round++)
        {
            SignalAll(ProcessTable.SigKill);
            left = ProcessTable.ProcessesOf(Contained ? Leader : null, Entry);
            if (left.Count == 0)
            {
                break;
            }
        }

        return left;
    }
}
