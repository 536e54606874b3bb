using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>
/// How <see cref="ExecutionStateJson"/> writes a state for a reader that wants less than the whole of it (a tool's result):
/// without the properties that have no value, with the data a step produced written by the reader's rules, with some next
/// actions left out, and with properties of its own at the end. The default writes the state as it is.
/// </summary>
public sealed class ExecutionStateJsonOptions
{
    /// <summary>
    /// Leaves out a property that has no value (a time, an error, a comment, a null output) instead of writing null. The
    /// values inside data (outputs, arguments) are written as they are, nulls included.
    /// </summary>
    public bool OmitNulls { get; init; }

    /// <summary>Writes a value the state holds as data: a step's output, a plan's arguments, the execution's outputs.</summary>
    public Action<Utf8JsonWriter, Value>? WriteData { get; init; }

    /// <summary>A decision's comment as it is written.</summary>
    public Func<string, string>? Comment { get; init; }

    /// <summary>Whether a next action is written.</summary>
    public Func<NextAction, bool>? KeepNextAction { get; init; }

    /// <summary>Writes properties of the reader's own at the end of the state's object.</summary>
    public Action<Utf8JsonWriter>? WriteMore { get; init; }

    internal static ExecutionStateJsonOptions Whole { get; } = new();

    internal void Data(Utf8JsonWriter writer, string name, Value value)
    {
        if (OmitNulls && value.Kind == ValueKind.Null)
        {
            return;
        }

        writer.WritePropertyName(name);
        if (WriteData is { } write)
        {
            write(writer, value);
        }
        else
        {
            value.WriteJson(writer);
        }
    }

    internal void Null(Utf8JsonWriter writer, string name)
    {
        if (!OmitNulls)
        {
            writer.WriteNull(name);
        }
    }
}
