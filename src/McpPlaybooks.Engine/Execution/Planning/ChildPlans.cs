using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Planning;

/// <summary>
/// The <c>playbook</c> calls of the plan being made: why one would fail (no such playbook or version, inputs that do not
/// fit), and the children found whose inputs are known, kept for the dry run to dry-run (<see cref="Take"/>).
/// </summary>
internal sealed class ChildPlans(PlaybookResolver playbooks)
{
    /// <summary>
    /// How many of one step's (or call's) children a dry run dry-runs, in the order found: each is an execution in history,
    /// and a loop makes one per distinct inputs. A child whose playbook asks for <c>safety.dry_run_first</c> is dry-run past
    /// this, since the real run's step needs that dry run to start it.
    /// </summary>
    public const int DryRunAtMost = 3;

    private List<PlannedChild> _children = [];

    /// <summary>Starts the next plan's list.</summary>
    public void Reset() => _children = [];

    /// <summary>
    /// The children the plan would start, their inputs known: those to dry-run (<see cref="DryRunAtMost"/>, and every one
    /// whose playbook asks for <c>safety.dry_run_first</c>) and those left out. The list starts again.
    /// </summary>
    public (IReadOnlyList<PlannedChild> DryRun, IReadOnlyList<PlannedChild> Left) Take()
    {
        var children = _children;
        _children = [];
        List<PlannedChild> dryRun = [], left = [];
        var ordinary = 0;
        foreach (var child in children)
        {
            (child.Playbook.Definition.Safety.DryRunFirst || ordinary++ < DryRunAtMost ? dryRun : left).Add(child);
        }

        return (dryRun, left);
    }

    /// <summary>The plan's note on the children <see cref="Take"/> left out: how many, of which playbooks, and why; null when none were.</summary>
    public static string? NotDryRun(IReadOnlyList<PlannedChild> left)
    {
        if (left.Count == 0)
        {
            return null;
        }

        var playbooks = string.Join(", ", left.Select(child => $"'{child.Playbook.Definition.Id}'").Distinct(StringComparer.Ordinal));
        return $"{left.Count} more child run{(left.Count == 1 ? "" : "s")} of {playbooks} with other inputs {(left.Count == 1 ? "was" : "were")} not dry-run: "
            + $"a dry run dry-runs the first {DryRunAtMost} distinct inputs of a step's children, so that it does not fill the history with child executions. "
            + "Their inputs fit; their own steps were not planned";
    }

    /// <summary>
    /// Why a call with these arguments would fail, with its category; null when it would not. A child found whose inputs
    /// fit, rendered in full (<paramref name="known"/>), is kept, once per distinct inputs (a loop's iterations).
    /// </summary>
    public (ErrorCategory Category, string Reason)? Problem(Value arguments, bool known)
    {
        var id = arguments.ArgumentText("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            return (ErrorCategory.Validation, "playbook: with.id is empty; name the child playbook's id");
        }

        if (playbooks.Resolve(id, arguments.ArgumentText("version"), out var problem) is not { } child)
        {
            return (ErrorCategory.Configuration, $"playbook: {problem}");
        }

        var inputs = arguments.TryGetProperty("inputs", out var map) && map.Kind == ValueKind.Object ? map.AsObject() : new Dictionary<string, Value>();
        var binding = InputBinder.Bind(child.Definition, inputs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        if (!binding.IsValid)
        {
            return (ErrorCategory.Validation, $"playbook: the inputs of '{id}' do not fit: {string.Join("; ", binding.Problems)}");
        }

        if (known && !_children.Any(c => c.Playbook.Source == child.Source && Value.From(c.Inputs).ToJson() == Value.From(binding.Values).ToJson()))
        {
            _children.Add(new PlannedChild(child, binding.Values));
        }

        return null;
    }
}
