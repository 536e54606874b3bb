using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>An execution's inputs as history keeps them (<see cref="SecretDefaults.ToStore"/>), read back: what a takeover and a replay start from.</summary>
internal static class StoredInputs
{
    public static Dictionary<string, Value> Read(ExecutionRecord record)
    {
        var value = Value.FromJsonText(record.InputsJson);
        return value.Kind == ValueKind.Object ? value.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : [];
    }
}
