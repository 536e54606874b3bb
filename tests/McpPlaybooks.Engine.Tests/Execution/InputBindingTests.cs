using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class InputBindingTests
{
    private const string Playbook = """
        id: typed
        name: Typed
        version: 1.0.0
        inputs:
          service: { type: string, pattern: "^[a-z0-9-]+$" }
          replicas: { type: integer, minimum: 1, default: 2 }
        steps:
          - id: only
            action: log
            with: { message: "{{ inputs.service }}" }
        """;

    [Fact]
    public void Bind_GoodInputs_AppliesDefaults()
    {
        var binding = InputBinder.Bind(Load(Playbook), Inputs(("service", Value.From("web"))));

        Assert.True(binding.IsValid);
        Assert.Equal(2, binding.Values["replicas"].AsNumber());
    }

    [Fact]
    public void Bind_ASecretInputOfTheWrongTypeOrOutOfRange_ItsProblemNamesTheInputButNeverQuotesTheValue()
    {
        var playbook = Load("""
            id: secret-typed
            name: Secret typed
            version: 1.0.0
            inputs:
              pin: { type: integer, secret: true, minimum: 1000 }
              token: { type: string, secret: true, enum: [a, b] }
            steps:
              - id: use
                action: log
                with: { message: "{{ inputs.pin }} {{ inputs.token }}" }
            """);

        var binding = InputBinder.Bind(playbook, Inputs(("pin", Value.From("hunter2-typed-as-text")), ("token", Value.From("s3cr3t-not-in-enum"))));
        var small = InputBinder.Bind(playbook, Inputs(("pin", Value.From(987)), ("token", Value.From("a"))));

        Assert.Equal(["input 'pin' must be an integer, but it is the string '***'", "input 'token' is the string '***', which is not one of: a, b"], binding.Problems);
        Assert.Equal(["input 'pin' is ***, below the minimum of 1000"], small.Problems);
    }

    [Fact]
    public void Bind_BadInputs_ListsEveryProblemWithAHint()
    {
        var binding = InputBinder.Bind(Load(Playbook), Inputs(("servce", Value.From("web")), ("replicas", Value.From(0))));

        Assert.Equal(
        [
            "input 'servce' is not declared by playbook 'typed' (did you mean 'service'?); it takes: service, replicas",
            "input 'service' is required (string)",
            "input 'replicas' is 0, below the minimum of 1",
        ], binding.Problems);
    }

    [Fact]
    public async Task RunAsync_InjectedShellLikeValueFailingThePattern_IsRefusedBeforeAnythingIsRecorded()
    {
        await using var harness = await StartAsync();
        var error = await Assert.ThrowsAsync<InvalidInputsException>(() => harness.RunAsync(Playbook, Inputs(("service", Value.From("web; rm -rf /")))));

        Assert.Contains("input 'service' does not match the pattern ^[a-z0-9-]+$", error.Message, StringComparison.Ordinal);
        var page = await harness.Engine.History.ListExecutionsAsync(new Engine.History.ExecutionQuery(), CancellationToken.None);
        Assert.Empty(page.Executions);
    }
}
