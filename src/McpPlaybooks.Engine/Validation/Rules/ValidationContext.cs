using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>What the semantic rules share: the playbook, the actions, and the DAG facts computed once.</summary>
internal sealed class ValidationContext
{
    public ValidationContext(PlaybookDefinition playbook, ActionCatalog catalog, List<Diagnostic> diagnostics)
    {
        Playbook = playbook;
        Catalog = catalog;
        Diagnostics = diagnostics;
        foreach (var step in playbook.Steps)
        {
            if (step.Id.Length > 0)
            {
                StepsById.TryAdd(step.Id, step);
            }
        }

        Upstream = StepsById.Keys.ToDictionary(id => id, Closure, StringComparer.Ordinal);
    }

    public PlaybookDefinition Playbook { get; }

    public ActionCatalog Catalog { get; }

    public List<Diagnostic> Diagnostics { get; }

    /// <summary>The first step of each id.</summary>
    public Dictionary<string, StepDefinition> StepsById { get; } = new(StringComparer.Ordinal);

    /// <summary>For each step, every step it needs, directly or through others.</summary>
    public Dictionary<string, HashSet<string>> Upstream { get; }

    public void Add(Diagnostic diagnostic) => Diagnostics.Add(diagnostic);

    private HashSet<string> Closure(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(StepsById[id].Needs);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (seen.Add(next) && StepsById.TryGetValue(next, out var step))
            {
                foreach (var need in step.Needs)
                {
                    pending.Push(need);
                }
            }
        }

        seen.Remove(id);
        return seen;
    }
}
