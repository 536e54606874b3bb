using System.Globalization;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// The characters of output the attempts of one step (or call) store together in <c>step_attempts</c>: at most
/// <see cref="MaxCharacters"/>. Each attempt's output is bounded on its own (1,048,576 characters), but a loop of 1,000
/// iterations would store a thousand of them; past the budget an attempt stores a note instead. Seeded from history when
/// a run is restored, so a takeover goes on with what its step had stored.
/// </summary>
internal sealed class AttemptOutputBudget
{
    /// <summary>The characters of output one step's attempts store together (16 MiB).</summary>
    public const long MaxCharacters = 16 * 1024 * 1024;

    private readonly Dictionary<string, long> _stored = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts what <paramref name="attempts"/> stored (a run restored from history).</summary>
    public void Seed(IEnumerable<StepAttemptRecord> attempts)
    {
        lock (_gate)
        {
            _stored.Clear();
            foreach (var attempt in attempts.Where(a => a.OutputJson is not null))
            {
                _stored[attempt.StepId] = _stored.GetValueOrDefault(attempt.StepId) + attempt.OutputJson!.Length;
            }
        }
    }

    /// <summary><paramref name="json"/> when it fits in what <paramref name="stepId"/>'s attempts have left, else a note (as JSON) saying why it was not stored.</summary>
    public string Take(string stepId, string json)
    {
        lock (_gate)
        {
            var stored = _stored.GetValueOrDefault(stepId);
            if (stored + json.Length <= MaxCharacters)
            {
                _stored[stepId] = stored + json.Length;
                return json;
            }
        }

        return Value.From(string.Create(CultureInfo.InvariantCulture,
            $"[output of {json.Length:N0} characters not stored: the attempts of '{stepId}' stored {MaxCharacters:N0} characters of output together]")).ToJson();
    }
}
