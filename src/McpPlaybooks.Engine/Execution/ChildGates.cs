using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The open gates of the child executions a run shows among its own pending approvals, and each child's status, by the
/// step (and iteration: a loop runs one child per item) that runs it (the <c>playbook</c> action). A child's state built before the one shown already is left out: the
/// child's own changes and the wait that looks at it show it from two threads, and the older state, shown last, hid a
/// gate the child had reached (until the wait's next look, a second later). Not thread-safe: the run uses it under its
/// lock.
/// </summary>
internal sealed class ChildGates
{
    /// <summary>The child each step (or iteration) waits for, as last shown.</summary>
    private readonly Dictionary<string, ChildWait> _waits = new(StringComparer.Ordinal);

    /// <summary>The revision of each child's state last shown, by its execution id (kept once its step is done, so that a late older state is still left out).</summary>
    private readonly Dictionary<string, long> _revisions = new(StringComparer.Ordinal);

    /// <summary>Every gate shown, each naming its child.</summary>
    public IEnumerable<PendingApproval> All => _waits.Values.SelectMany(wait => wait.Gates);

    /// <summary>What a step's child is kept under: the step's id, and its iteration's index in a loop.</summary>
    public static string Key(string stepId, int? iteration) =>
        iteration is { } index ? $"{stepId}[{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" : stepId;

    /// <summary>Shows the open gates of <paramref name="child"/> under <paramref name="key"/> (<see cref="Key"/>); false, changing nothing, when it is older than the state shown.</summary>
    public bool Show(string key, ExecutionState child)
    {
        if (child.Revision != 0)
        {
            if (_revisions.TryGetValue(child.ExecutionId, out var shown) && child.Revision <= shown)
            {
                return false;
            }

            _revisions[child.ExecutionId] = child.Revision;
        }
        else if (_waits.TryGetValue(key, out var shownEnd) && shownEnd.ChildId == child.ExecutionId && shownEnd.Shown.IsFinal() && !child.Status.IsFinal())
        {
            // A read of history begun before the child ended here (a state with no revision) does not undo its end.
            return false;
        }

        _waits[key] = new ChildWait(child.ExecutionId, child.Status, [.. child.PendingApprovals.Select(g => g with { ExecutionId = g.ExecutionId ?? child.ExecutionId })], FromHistory: child.Revision == 0);
        return true;
    }

    /// <summary>The child waited for under <paramref name="key"/>, as last shown; null when none was shown.</summary>
    public ChildWait? Of(string key) => _waits.GetValueOrDefault(key);

    /// <summary>The children the iterations of loop step <paramref name="stepId"/> wait for, as last shown.</summary>
    public List<ChildWait> OfLoop(string stepId) =>
        [.. _waits.Where(wait => wait.Key.StartsWith(stepId + "[", StringComparison.Ordinal)).Select(wait => wait.Value)];

    /// <summary>The child under <paramref name="key"/> is done: its gates leave.</summary>
    public void Forget(string key) => _waits.Remove(key);
}
