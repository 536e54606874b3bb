using McpPlaybooks.Engine.Execution.Control;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>What one takeover scan took over, added to by the scan and by calls that took one of its executions over first.</summary>
internal sealed class ResumeTally
{
    private readonly Lock _gate = new();
    private readonly List<string> _resumed = [];
    private readonly List<InterruptedStep> _interrupted = [];
    private readonly List<string> _rerun = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _resumed.Count;
            }
        }
    }

    public void Add(string executionId, (List<string> Rerun, List<string> Interrupted) outcome)
    {
        lock (_gate)
        {
            _resumed.Add(executionId);
            _interrupted.AddRange(outcome.Interrupted.Select(step => new InterruptedStep(executionId, step)));
            _rerun.AddRange(outcome.Rerun.Select(step => $"{executionId}/{step}"));
        }
    }

    public ResumeReport Report()
    {
        lock (_gate)
        {
            return new ResumeReport([.. _resumed.Order(StringComparer.Ordinal)], [.. _interrupted], [.. _rerun]);
        }
    }
}
