using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class NestedInputBindingTests
{
    private const string Playbook = """
        id: nested
        name: Nested
        version: 1.0.0
        inputs:
          hosts:
            type: array
            min_items: 1
            max_items: 3
            items: { type: string, pattern: "^[a-z0-9.-]+$", min_length: 2 }
          labels:
            type: object
            required: [team]
            additional_properties: false
            properties:
              team: { type: string, enum: [web, db] }
              ports:
                type: array
                items: { type: integer, minimum: 1, maximum: 65535 }
        steps:
          - id: only
            action: log
            with: { message: "{{ inputs.hosts }} {{ inputs.labels }}" }
        """;

    [Fact]
    public void Bind_FittingNestedInputs_IsValid()
    {
        var binding = InputBinder.Bind(Load(Playbook), Inputs(
            ("hosts", Json("""["web-1", "web-2"]""")),
            ("labels", Json("""{"team": "web", "ports": [80, 443]}"""))));

        Assert.Equal([], binding.Problems);
    }

    [Fact]
    public void Bind_BadNestedInputs_ListsEveryProblemWithItsPath()
    {
        var binding = InputBinder.Bind(Load(Playbook), Inputs(
            ("hosts", Json("""["web-1", "x", 3, "a;b"]""")),
            ("labels", Json("""{"ports": [80, 0, "x"], "tema": "web"}"""))));

        Assert.Equal(
        [
            "input 'hosts' has 4 items, more than the maximum of 3",
            "input 'hosts[1]' is 1 characters long, shorter than the minimum of 2",
            "input 'hosts[2]' must be a string, but it is 3",
            "input 'hosts[3]' does not match the pattern ^[a-z0-9.-]+$",
            "input 'labels.team' is required (string)",
            "input 'labels.ports[1]' is 0, below the minimum of 1",
            "input 'labels.ports[2]' must be an integer, but it is the string 'x'",
            "input 'labels.tema' is not declared (did you mean 'team'?); it takes: team, ports",
        ], binding.Problems);
    }

    [Fact]
    public void Bind_SecretObjectWithUndeclaredProperties_CountsThemWithoutNamingAny()
    {
        var playbook = Load("""
            id: secret-map
            name: Secret map
            version: 1.0.0
            inputs:
              keys:
                type: object
                secret: true
                additional_properties: false
                properties:
                  k: { type: integer }
            steps:
              - id: only
                action: log
                with: { message: done }
            """);

        var one = InputBinder.Bind(playbook, Inputs(("keys", Json("""{"k": 5, "sk_live_51HabcdefSECRET": "first-value"}"""))));
        var two = InputBinder.Bind(playbook, Inputs(("keys", Json("""{"sk_live_51HabcdefSECRET": "first-value", "ghp_0123456789": "second-value"}"""))));

        Assert.Equal(["input 'keys' has a property that is not declared (not named: the input is secret); it takes: k"], one.Problems);
        Assert.Equal(["input 'keys' has 2 properties that are not declared (not named: the input is secret); it takes: k"], two.Problems);
    }

    [Fact]
    public void Bind_EmptyArrayBelowMinItems_SaysHowManyAreNeeded()
    {
        var binding = InputBinder.Bind(Load(Playbook), Inputs(("hosts", Json("[]")), ("labels", Json("""{"team": "db"}"""))));

        Assert.Equal(["input 'hosts' has 0 items, fewer than the minimum of 1"], binding.Problems);
    }

    [Fact]
    public void Bind_ArrayOfObjects_ChecksEachItemsProperties()
    {
        var playbook = Load("""
            id: servers
            name: Servers
            version: 1.0.0
            inputs:
              servers:
                type: array
                items:
                  type: object
                  required: [name]
                  properties:
                    name: { type: string }
                    port: { type: integer, maximum: 65535 }
            steps:
              - id: only
                action: log
                with: { message: "{{ inputs.servers }}" }
            """);

        var binding = InputBinder.Bind(playbook, Inputs(("servers", Json("""[{"name": "a", "port": 80}, {"port": 70000}, "c"]"""))));

        Assert.Equal(
        [
            "input 'servers[1].name' is required (string)",
            "input 'servers[1].port' is 70000, above the maximum of 65535",
            "input 'servers[2]' must be a mapping, but it is the string 'c'",
        ], binding.Problems);
    }

    private static Value Json(string text)
    {
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return Value.FromJson(document.RootElement);
    }
}
