using System.Text;

namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>Documents made to hurt a parser: alias bombs, deep nesting, huge or binary files.</summary>
internal static class HostileDocuments
{
    public const string ValidJson = "valid-json";

    public static IReadOnlyList<string> Names { get; } =
    [
        "billion-laughs", "nested-brackets", "nested-blocks", "two-megabytes", "only-separator", "binary-garbage",
        "empty", "undefined-alias", "many-nodes", "long-key", "deep-expression", "many-templates", ValidJson,
    ];

    public static string Create(string name) => name switch
    {
        "billion-laughs" => BillionLaughs(),
        "nested-brackets" => new string('[', 10_000),
        "nested-blocks" => string.Concat(Enumerable.Range(0, 200).Select(i => $"{new string(' ', i * 2)}k{i}:\n")),
        "two-megabytes" => "id: big\nname: Big\nversion: 1.0.0\nsteps:\n" + string.Concat(Enumerable.Repeat("  - {id: s, action: log, with: {message: hello}}\n", 45_000)),
        "only-separator" => "---",
        "binary-garbage" => BinaryGarbage(),
        "empty" => "",
        "undefined-alias" => "id: *nope\nname: x\n",
        "many-nodes" => "steps: [" + string.Join(",", Enumerable.Repeat("1", 150_000)) + "]",
        "long-key" => new string('k', 200_000) + ": 1\n",
        "deep-expression" => Playbook($"when: \"{new string('(', 3_000)}true{new string(')', 3_000)}\"", "message: hello"),
        "many-templates" => Playbook("timeout: 1m", "message: \"" + string.Concat(Enumerable.Repeat("{{ inputs.nope }} ", 5_000)) + "\""),
        ValidJson => """
            {
              "id": "from-json",
              "name": "A playbook written as JSON",
              "version": "1.0.0",
              "timeout": "5m",
              "inputs": { "who": { "type": "string", "default": "world" } },
              "steps": [
                { "id": "greet", "action": "log", "with": { "message": "hello {{ inputs.who }}" } },
                { "id": "check", "action": "assert", "needs": ["greet"], "with": { "that": "steps.greet.status == 'succeeded'" } }
              ]
            }
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile document"),
    };

    /// <summary>A playbook of one log step, with <paramref name="stepLine"/> in the step and <paramref name="withLine"/> under its <c>with:</c>.</summary>
    private static string Playbook(string stepLine, string withLine) =>
        $"id: hostile\nname: Hostile\nversion: 1.0.0\nsteps:\n  - id: a\n    action: log\n    {stepLine}\n    with:\n      {withLine}\n";

    /// <summary>Nine anchors, each a list of nine aliases of the one before: 9^9 strings if expanded.</summary>
    private static string BillionLaughs()
    {
        var text = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var c = 'b'; c <= 'i'; c++)
        {
            var previous = (char)(c - 1);
            text.Append(c).Append(": &").Append(c).Append(" [").AppendJoin(", ", Enumerable.Repeat($"*{previous}", 9)).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>Every byte value, NUL and control characters included, as a file read as Latin-1 would give them.</summary>
    private static string BinaryGarbage()
    {
        var bytes = new byte[8_192];
        new Random(8_192).NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }
}
