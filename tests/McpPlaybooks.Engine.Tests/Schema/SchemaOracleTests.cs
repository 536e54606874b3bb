using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Schema;
using McpPlaybooks.Engine.Tests.Golden;

namespace McpPlaybooks.Engine.Tests.Schema;

/// <summary>
/// Our schema check (<see cref="SchemaChecker"/>) against NJsonSchema on the published schema: for every golden case,
/// every bundled playbook and a set of documents aimed at each keyword, both must call the document valid, or both invalid.
/// </summary>
public sealed class SchemaOracleTests
{
    private const string Head = "id: a\nname: A\nversion: 1.0.0\n";

    public static TheoryData<string> GoldenCases() => [.. GoldenCase.Names()];

    public static TheoryData<string> BundledPlaybooks() =>
        [.. Directory.EnumerateFiles(TestPaths.Playbooks, "*.yaml").Select(p => new FileInfo(p).Name).Order(StringComparer.Ordinal)];

    /// <summary>Documents aimed at each keyword the schema uses (types, several types, enum, pattern, ranges, lengths, items, keys).</summary>
    public static TheoryData<string> KeywordCases() =>
    [
        Head + "steps:\n  - id: s\n    action: log\n",
        Head + "steps: []\n",
        Head + "steps: {}\n",
        Head + "name: ''\nsteps:\n  - id: s\n    action: log\n",
        Head + "timeout: 5 minutes\nsteps:\n  - id: s\n    action: log\n",
        Head + "timeout: 5m\nsteps:\n  - id: s\n    action: log\n    when: 3\n",
        Head + "steps:\n  - id: s\n    action: log\n    when: true\n    foreach: [1, 2]\n",
        Head + "steps:\n  - id: s\n    action: log\n    foreach: {a: 1}\n",
        Head + "steps:\n  - id: s\n    action: log\n    needs: [x, x]\n",
        Head + "steps:\n  - id: s\n    action: log\n    needs: x\n",
        Head + "steps:\n  - id: s\n    action: log\n    retry: {max_attempts: 0, backoff: sideways}\n",
        Head + "steps:\n  - id: s\n    action: log\n    retry: {max_attempts: 99999999999999999999999}\n",
        Head + "steps:\n  - id: s\n    action: log\n    retry: {max_attempts: 2.5}\n",
        Head + "inputs:\n  env: {type: string, required: [x]}\nsteps:\n  - id: s\n    action: log\n",
        Head + "inputs:\n  env: {type: colour}\nsteps:\n  - id: s\n    action: log\n",
        Head + "inputs:\n  Bad-Name: {type: string}\nsteps:\n  - id: s\n    action: log\n",
        Head + "inputs:\n  env: {type: string, enum: []}\nsteps:\n  - id: s\n    action: log\n",
        Head + "vars:\n  x: null\n  y: [1, {a: b}]\nsteps:\n  - id: s\n    action: log\n",
        Head + "defaults: {}\nsteps:\n  - id: s\n    action: log\n",
        Head + "tags: [a, '']\nsteps:\n  - id: s\n    action: log\n",
        Head + "steps:\n  - id: s\n    action: log\n    approval: {timeout: 1h, on_timeout: maybe}\n",
        Head + "steps:\n  - id: s\n    action: ''\n",
        Head + "steps:\n  - id: s\n    action: log\n    unknown: 1\n",
        "name: A\nsteps:\n  - action: log\n",
        "id: 5\nname: true\nversion: 1.0\nsteps:\n  - 7\n",
        Head + "steps:\n  - null\n",
    ];

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Check_GoldenCase_AgreesWithNJsonSchema(string name) => AssertAgree(File.ReadAllText(GoldenCase.Load(name).Path));

    [Theory]
    [MemberData(nameof(BundledPlaybooks))]
    public void Check_BundledPlaybook_IsValidForBoth(string file)
    {
        var root = Root(File.ReadAllText(Path.Combine(TestPaths.Playbooks, file)));

        Assert.Empty(NJsonSchemaOracle.Errors(root));
        Assert.Empty(SchemaChecker.Check(root, SchemaNode.ReadDocument(PlaybookSchema.Text)));
    }

    [Theory]
    [MemberData(nameof(KeywordCases))]
    public void Check_KeywordCase_AgreesWithNJsonSchema(string yaml) => AssertAgree(yaml);

    [Fact]
    public void PublishedSchema_ReadsInNJsonSchema_WithEveryReferenceResolved()
    {
        var schema = NJsonSchemaOracle.Schema;

        Assert.NotEmpty(schema.Properties);
        Assert.All(schema.Definitions.Values, definition => Assert.NotNull(definition.ActualSchema));
        Assert.Equal(schema.RequiredProperties.Order(StringComparer.Ordinal), SchemaNode.ReadDocument(PlaybookSchema.Text).Required.Order(StringComparer.Ordinal));
    }

    private static void AssertAgree(string yaml)
    {
        if (DocumentReader.Read(yaml).Root is not MappingNode root)
        {
            return;
        }

        var theirs = NJsonSchemaOracle.Errors(root);
        var ours = SchemaChecker.Check(root, SchemaNode.ReadDocument(PlaybookSchema.Text)).Select(e => $"{e.Kind} at {e.Path}").ToList();

        Assert.True(
            theirs.Count == 0 == (ours.Count == 0),
            $"NJsonSchema: {(theirs.Count == 0 ? "valid" : string.Join("; ", theirs))}{Environment.NewLine}ours: {(ours.Count == 0 ? "valid" : string.Join("; ", ours))}");
    }

    private static MappingNode Root(string yaml) => Assert.IsType<MappingNode>(DocumentReader.Read(yaml).Root);
}
