using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Benchmarks.Expressions;

/// <summary>The hot paths of the expression language: parse once, then evaluate and render many times.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class ExpressionBenchmarks
{
    private const string Condition = "steps.check.output.status != 200 || inputs.force";

    private const string ScopeJson = """
        {
          "inputs": { "service": "api", "force": false },
          "vars": { "health_url": "http://127.0.0.1:8080/health" },
          "steps": { "check": { "output": { "status": 200, "body": "ok" }, "status": "succeeded" } }
        }
        """;

    private Expression _condition = null!;
    private Template _multiSegment = null!;
    private Template _singleExpression = null!;
    private ExpressionScope _scope = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var document = JsonDocument.Parse(ScopeJson);
        _scope = new ExpressionScope(Value.FromJson(document.RootElement).AsObject());
        _condition = Expression.Parse(Condition);
        _multiSegment = Template.Parse("Restart {{ inputs.service }} at {{ vars.health_url }}: status {{ steps.check.output.status }}?");
        _singleExpression = Template.Parse("{{ steps.check.output.status }}");
    }

    /// <summary>
    /// The peer: the same condition written by hand in C# over the same values (scope lookups, property
    /// reads, the comparison and the truthiness test), so the ratio is the interpreter's own cost.
    /// </summary>
    [Benchmark(Baseline = true)]
    public Value EvaluateConditionByHand()
    {
        _scope.TryGetRoot("steps", out var steps);
        var status = steps.AsObject()["check"].AsObject()["output"].AsObject()["status"];
        if (status.Kind != ValueKind.Number || status.AsNumber() != 200)
        {
            return Value.True;
        }

        _scope.TryGetRoot("inputs", out var inputs);
        return inputs.AsObject()["force"];
    }

    [Benchmark]
    public Value EvaluateCondition() => _condition.Evaluate(_scope);

    [Benchmark]
    public Value RenderMultiSegment() => _multiSegment.Render(_scope);

    [Benchmark]
    public Value RenderSingleExpression() => _singleExpression.Render(_scope);

    [Benchmark]
    public Expression ParseCondition() => Expression.Parse(Condition);
}
