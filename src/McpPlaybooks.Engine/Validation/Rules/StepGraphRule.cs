using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Text;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>Step ids are unique, needs name real steps, and the needs form no cycle.</summary>
internal static class StepGraphRule
{
    public static void Check(ValidationContext context)
    {
        var first = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in context.Playbook.Steps.Where(s => s.Id.Length > 0))
        {
            if (!first.TryAdd(step.Id, step))
            {
                var earlier = first[step.Id].Node.LocationOf("id");
                context.Add(Problems.Error(
                    DiagnosticCodes.DuplicateStepId,
                    $"duplicate step id '{step.Id}': a step at line {earlier.Line} already has it",
                    step.Node["id"]!,
                    "give each step its own id"));
            }
        }

        foreach (var step in context.Playbook.Steps)
        {
            if (step.Node["needs"] is not SequenceNode needs)
            {
                continue;
            }

            foreach (var item in needs.Items.OfType<ScalarNode>())
            {
                if (!context.StepsById.ContainsKey(item.Text))
                {
                    var hint = Suggestions.DidYouMean(item.Text, context.StepsById.Keys);
                    context.Add(Problems.Error(
                        DiagnosticCodes.UnknownNeed,
                        $"step '{step.Id}' needs '{item.Text}', but no step has that id",
                        item,
                        hint.Length > 0 ? hint : $"use one of the step ids: {string.Join(", ", context.StepsById.Keys)}"));
                }
            }
        }

        ReportCycles(context);
    }

    private static void ReportCycles(ValidationContext context)
    {
        // Depth-first search; a need that leads back to a step on the current path closes a cycle.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in context.Playbook.Steps)
        {
            if (step.Id.Length > 0 && !state.ContainsKey(step.Id))
            {
                Visit(step.Id);
            }
        }

        void Visit(string root)
        {
            var stack = new Stack<(string Id, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            path.Add(root);
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var needs = context.StepsById[id].Needs;
                if (next >= needs.Count)
                {
                    state[id] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((id, next + 1));
                var need = needs[next];
                if (!context.StepsById.ContainsKey(need))
                {
                    continue;
                }

                if (state.GetValueOrDefault(need) == 1)
                {
                    Report(id, next, path[path.IndexOf(need)..]);
                }
                else if (!state.ContainsKey(need))
                {
                    state[need] = 1;
                    path.Add(need);
                    stack.Push((need, 0));
                }
            }
        }

        void Report(string from, int needIndex, List<string> cycle)
        {
            var key = string.Join(",", cycle.Order(StringComparer.Ordinal));
            if (!reported.Add(key))
            {
                return;
            }

            var step = context.StepsById[from];
            var node = (step.Node["needs"] as SequenceNode)?.Items.ElementAtOrDefault(needIndex) ?? step.Node;
            var loop = string.Join(" -> ", cycle.Append(cycle[0]));
            context.Add(Problems.Error(
                DiagnosticCodes.DependencyCycle,
                $"dependency cycle: {loop}",
                node,
                $"remove '{cycle[0]}' from the needs of '{from}', or break the cycle elsewhere"));
        }
    }
}
