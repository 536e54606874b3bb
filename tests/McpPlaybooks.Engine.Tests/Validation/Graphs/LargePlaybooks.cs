using System.Globalization;
using System.Text;

namespace McpPlaybooks.Engine.Tests.Validation.Graphs;

/// <summary>
/// Big step graphs for the validator's cost: a chain, a cycle, a fan-out/fan-in, and steps whose needs are all
/// misspelled. Each step reads the status of the steps it needs, so the upstream check has work to do.
/// </summary>
internal static class LargePlaybooks
{
    public static IReadOnlyList<string> Shapes { get; } = ["chain", "cycle", "fan", "unknown-needs"];

    public static string Create(string shape, int steps) => shape switch
    {
        "chain" => Chain(steps, closed: false),
        "cycle" => Chain(steps, closed: true),
        "fan" => Fan(steps),
        "unknown-needs" => UnknownNeeds(steps),
        _ => throw new ArgumentException($"unknown shape '{shape}': use one of {string.Join(", ", Shapes)}", nameof(shape)),
    };

    /// <summary>s1 &lt;- s2 &lt;- ... &lt;- sN, each step reading its predecessor and the first step; closed, s1 needs sN.</summary>
    public static string Chain(int steps, bool closed)
    {
        var text = Header(closed ? "cycle" : "chain");
        for (var i = 1; i <= steps; i++)
        {
            var need = i > 1 ? $"s{i - 1}" : closed ? $"s{steps}" : null;
            Step(text, $"s{i}", need is null ? [] : [need], need is null ? "start" : $"{{{{ steps.{need}.status }}}} {{{{ steps.s1.status }}}}");
        }

        return text.ToString();
    }

    /// <summary>One root, N-2 steps that need it (<c>set</c> with no values), and one sink that needs them all.</summary>
    public static string Fan(int steps)
    {
        var text = Header("fan");
        Step(text, "root", [], "start");
        var middle = Enumerable.Range(1, Math.Max(1, steps - 2)).Select(i => $"m{i}").ToList();
        foreach (var id in middle)
        {
            Step(text, id, ["root"], null); // Small steps: a 'with' on each would pass the document's node limit.
        }

        Step(text, "sink", middle, $"{{{{ steps.root.status }}}} {{{{ steps.{middle[^1]}.status }}}}");
        return text.ToString();
    }

    /// <summary>N steps, each needing a step that does not exist (a near miss of a real id).</summary>
    public static string UnknownNeeds(int steps)
    {
        var text = Header("unknown-needs");
        for (var i = 1; i <= steps; i++)
        {
            Step(text, $"s{i}", [$"x{i}"], "hello");
        }

        return text.ToString();
    }

    private static StringBuilder Header(string id) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"id: {id}\nname: Large {id}\nversion: 1.0.0\ntimeout: 5m\nsteps:\n");

    private static void Step(StringBuilder text, string id, IReadOnlyList<string> needs, string? message)
    {
        text.Append(CultureInfo.InvariantCulture, $"  - id: {id}\n");
        if (needs.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    needs: [{string.Join(", ", needs)}]\n");
        }

        text.Append(message is null ? "    action: set\n" : $"    action: log\n    with: {{ message: \"{message}\" }}\n");
    }
}
