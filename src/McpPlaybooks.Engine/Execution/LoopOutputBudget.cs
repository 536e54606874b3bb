using System.Globalization;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// What one run of a loop keeps of its iterations' outputs, in the order they complete: together at most
/// <see cref="MaxCharacters"/> characters of JSON. Past it, an iteration's output is dropped and a note in its place says so,
/// so that a loop of many large outputs never holds them all in memory (each may be 1,048,576 characters).
/// </summary>
internal sealed class LoopOutputBudget
{
    /// <summary>The characters of JSON a loop's combined output may hold (16 MiB).</summary>
    public const long MaxCharacters = 16 * 1024 * 1024;

    private readonly Lock _gate = new();
    private long _kept;

    /// <summary>How many iterations' outputs were dropped.</summary>
    public int Dropped { get; private set; }

    /// <summary><paramref name="output"/> when it fits in what is left, else a note that it was dropped.</summary>
    public Value Keep(int index, Value output)
    {
        lock (_gate)
        {
            if (_kept + output.JsonLength <= MaxCharacters)
            {
                _kept += output.JsonLength;
                return output;
            }

            Dropped++;
        }

        return Value.From(string.Create(CultureInfo.InvariantCulture,
            $"[output of iteration {index} dropped: the loop's outputs passed {MaxCharacters:N0} characters of JSON together (this one at least {output.JsonLength:N0})]"));
    }

    /// <summary>
    /// The step's output: the list of what was kept. An iteration's output may itself nest as deep as a value may, so the list
    /// of them would nest one level deeper: then the step fails (category validation) rather than the engine.
    /// </summary>
    public static Value Combined(Value[] outputs)
    {
        if (outputs.Any(output => output.Depth >= ExpressionLimits.MaxValueDepth))
        {
            throw new ActionFailedException($"its iterations' outputs nest {ExpressionLimits.MaxValueDepth} levels deep, so {ValueDepth.TooDeep("the list of them")}")
            {
                Category = ErrorCategory.Validation,
            };
        }

        return Value.From(outputs);
    }

    /// <summary>The log line for a loop of <paramref name="count"/> iterations once some were dropped.</summary>
    public string Warning(int count) => string.Create(CultureInfo.InvariantCulture,
        $"the outputs of {Dropped} of its {count} iterations were dropped, each replaced by a note: together the loop's outputs passed {MaxCharacters:N0} characters of JSON; have each iteration give only what later steps need");
}
