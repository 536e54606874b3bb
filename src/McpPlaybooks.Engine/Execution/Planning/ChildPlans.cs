using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Planning;

/// <summary>
/// The <c>playbook</c> calls of the plan being made: why one would fail (no such playbook or version, inputs that do not
/// fit), and the children found whose inputs are known, kept for the dry run to dry-run (<see cref="Take"/>).
/// </summary>
internal sealed class ChildPlans(IReadOnlyList<string> playbookDirectories)
{
    private List<PlannedChild> _children = [];

    /// <summary>Starts the next plan's list.</summary>
    public void Reset() => _children = [];

    /// <summary>The children the plan would start, their inputs known; the list starts again.</summary>
    public IReadOnlyList<PlannedChild> Take()
    {
        var children = _children;
        _children = [];
        return children;
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

        if (new PlaybookResolver(playbookDirectories).Resolve(id, arguments.ArgumentText("version"), out var problem) is not { } child)
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
