using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// The steps as a graph of numbered nodes (the first step of each id, in document order) with their known needs,
/// and its strongly connected components. Built in time and memory linear in the steps and their needs.
/// </summary>
internal sealed class StepGraph
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly int[][] _needs;
    private readonly int[] _component;

    public StepGraph(IReadOnlyList<StepDefinition> steps)
    {
        var nodes = new List<StepDefinition>();
        foreach (var step in steps)
        {
            if (step.Id.Length > 0 && _index.TryAdd(step.Id, nodes.Count))
            {
                nodes.Add(step);
            }
        }

        Ids = [.. nodes.Select(step => step.Id)];
        _needs = [.. nodes.Select(step => step.Needs.Select(IndexOf).Where(n => n >= 0).ToArray())];
        _component = new int[nodes.Count];
        ComponentCount = Components(_needs, _component);
    }

    public int Count => _needs.Length;

    /// <summary>The step id of each node.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>How many strongly connected components; they are numbered so that a component's needs come before it.</summary>
    public int ComponentCount { get; }

    /// <summary>The node of a step id, or -1 when no step has it.</summary>
    public int IndexOf(string id) => _index.GetValueOrDefault(id, -1);

    /// <summary>The nodes a node needs directly (needs that name no step are left out).</summary>
    public IReadOnlyList<int> Needs(int node) => _needs[node];

    public int ComponentOf(int node) => _component[node];

    /// <summary>
    /// Tarjan's algorithm without recursion (a chain of thousands of steps must not overflow the stack). A component
    /// is numbered once every component it can reach through needs is numbered, so needs come first.
    /// </summary>
    private static int Components(int[][] needs, int[] component)
    {
        var count = needs.Length;
        var order = new int[count];
        var low = new int[count];
        var next = new int[count];
        var onStack = new bool[count];
        var stack = new Stack<int>();
        var calls = new Stack<int>();
        Array.Fill(order, -1);
        var visited = 0;
        var components = 0;
        for (var root = 0; root < count; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            Enter(root);
            while (calls.Count > 0)
            {
                var node = calls.Peek();
                if (next[node] < needs[node].Length)
                {
                    var need = needs[node][next[node]++];
                    if (order[need] < 0)
                    {
                        Enter(need);
                    }
                    else if (onStack[need])
                    {
                        low[node] = Math.Min(low[node], order[need]);
                    }

                    continue;
                }

                calls.Pop();
                if (low[node] == order[node])
                {
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component[member] = components;
                    }
                    while (member != node);
                    components++;
                }

                if (calls.Count > 0)
                {
                    var caller = calls.Peek();
                    low[caller] = Math.Min(low[caller], low[node]);
                }
            }
        }

        return components;

        void Enter(int node)
        {
            order[node] = low[node] = visited++;
            stack.Push(node);
            onStack[node] = true;
            calls.Push(node);
        }
    }
}
