using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;

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
                    var hint = context.DidYouMean(item.Text, context.StepsById.Keys);
                    context.Add(Problems.Error(
                        DiagnosticCodes.UnknownNeed,
                        $"step '{step.Id}' needs '{item.Text}', but no step has that id",
                        item,
                        hint.Length > 0 ? hint : $"use one of the step ids: {ValidationContext.List(context.StepsById.Keys)}"));
                }
            }
        }

        ReportCycles(context);
    }

    /// <summary>
    /// A depth-first search; a need that leads back to a step on the current path closes a cycle. Each strongly
    /// connected component (a set of steps that all need each other) is reported once, at the first need found
    /// to close a cycle in it, so the report is linear in the steps however many cycles they form.
    /// </summary>
    private static void ReportCycles(ValidationContext context)
    {
        var graph = context.Graph;
        var state = new byte[graph.Count];
        var onPath = new int[graph.Count];
        var path = new List<int>();
        var reported = new bool[graph.ComponentCount];
        for (var root = 0; root < graph.Count; root++)
        {
            if (state[root] == 0)
            {
                Visit(root);
            }
        }

        void Visit(int root)
        {
            var stack = new Stack<(int Node, int Next)>();
            Enter(root);
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var needs = context.StepsById[graph.Ids[node]].Needs;
                if (next >= needs.Count)
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                stack.Push((node, next + 1));
                var need = graph.IndexOf(needs[next]);
                if (need < 0)
                {
                    continue;
                }

                if (state[need] == 1)
                {
                    Report(node, next, path.GetRange(onPath[need], path.Count - onPath[need]));
                }
                else if (state[need] == 0)
                {
                    Enter(need);
                    stack.Push((need, 0));
                }
            }
        }

        void Enter(int node)
        {
            state[node] = 1;
            onPath[node] = path.Count;
            path.Add(node);
        }

        void Report(int from, int needIndex, List<int> cycle)
        {
            var component = graph.ComponentOf(cycle[0]);
            if (reported[component])
            {
                return;
            }

            reported[component] = true;
            var step = context.StepsById[graph.Ids[from]];
            var node = (step.Node["needs"] as SequenceNode)?.Items.ElementAtOrDefault(needIndex) ?? step.Node;
            var first = graph.Ids[cycle[0]];
            context.Add(Problems.Error(
                DiagnosticCodes.DependencyCycle,
                $"dependency cycle: {Loop(graph, cycle)}",
                node,
                $"remove '{first}' from the needs of '{step.Id}', or break the cycle elsewhere"));
        }
    }

    /// <summary>"a -> b -> a"; a long cycle shows its first and last steps and how many it has.</summary>
    private static string Loop(StepGraph graph, List<int> cycle)
    {
        const int Shown = 5;
        var ids = cycle.Select(n => graph.Ids[n]).ToList();
        return ids.Count <= 2 * Shown
            ? string.Join(" -> ", ids.Append(ids[0]))
            : $"{string.Join(" -> ", ids.Take(Shown))} -> ... -> {string.Join(" -> ", ids.TakeLast(Shown).Append(ids[0]))} ({ids.Count:N0} steps)";
    }
}
