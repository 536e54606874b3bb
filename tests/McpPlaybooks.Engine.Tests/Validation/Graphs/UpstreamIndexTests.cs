using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation.Rules;

namespace McpPlaybooks.Engine.Tests.Validation.Graphs;

/// <summary>The batched upstream answers against a plain search, on random graphs with cycles and over 64 targets.</summary>
public sealed class UpstreamIndexTests
{
    [Theory]
    [InlineData(1, 40, 1)]
    [InlineData(2, 300, 2)]
    [InlineData(3, 300, 4)]
    public void IsUpstream_RandomGraph_AgreesWithASearchFromEachStep(int seed, int count, int maxNeeds)
    {
        var random = new Random(seed);
        var steps = Enumerable.Range(0, count).Select(i => new StepDefinition
        {
            Id = $"s{i}",
            Action = "log",
            Node = null!,
            // Mostly earlier steps (a DAG), sometimes a later one or a missing one (cycles and unknown needs).
            Needs = [.. Enumerable.Range(0, random.Next(maxNeeds + 1)).Select(_ => random.Next(10) switch
            {
                0 => $"s{random.Next(count)}",
                1 => "missing",
                _ => $"s{random.Next(Math.Max(1, i))}",
            })],
        }).ToList();
        var graph = new StepGraph(steps);
        var questions = (from s in Enumerable.Range(0, count) from t in Enumerable.Range(0, count) select (s, t)).ToList();

        var index = new UpstreamIndex(graph, questions);

        foreach (var (s, t) in questions)
        {
            Assert.True(Reaches(steps, s, t) == index.IsUpstream(s, t), $"s{s} -> s{t}");
        }
    }

    private static bool Reaches(List<StepDefinition> steps, int from, int to)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(steps[from].Needs);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (id == "missing" || !seen.Add(id))
            {
                continue;
            }

            foreach (var need in steps[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)].Needs)
            {
                pending.Push(need);
            }
        }

        return from != to && seen.Contains($"s{to}");
    }
}
