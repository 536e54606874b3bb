using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

/// <summary>A scope shaped like a running playbook's, and helpers to evaluate against it.</summary>
internal static class TestScope
{
    public const string Json = """
        {
          "inputs": { "service": "api", "force": false, "count": 3, "name": "Web", "tags": ["a", "b"], "empty": "" },
          "steps": {
            "check": {
              "output": { "status": 200, "body": "ok", "items": [1, 2, 3], "json": { "a": { "b": 1 } } },
              "status": "succeeded"
            },
            "check-disk": { "output": { "free": 10 } }
          },
          "vars": { "health_url": "http://127.0.0.1:8080/health", "key": "service", "idx": 1, "half": 0.5, "j": "{\"a\":1}" },
          "item": "x",
          "index": 0,
          "nothing": null
        }
        """;

    public static ExpressionScope Default { get; } = Create();

    public static ExpressionScope Create()
    {
        using var document = JsonDocument.Parse(Json);
        return new ExpressionScope(Value.FromJson(document.RootElement).AsObject());
    }

    public static Value Evaluate(string text) => Expression.Parse(text).Evaluate(Default);

    /// <summary>Evaluates against a scope with one extra root, <c>data</c>.</summary>
    public static Value EvaluateWith(string text, Value data)
    {
        var scope = new ExpressionScope(Default);
        scope.Add("data", data);
        return Expression.Parse(text).Evaluate(scope);
    }

    public static Value ParseJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Value.FromJson(document.RootElement);
    }
}
