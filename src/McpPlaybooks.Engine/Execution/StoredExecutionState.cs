using System.Text.Json;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution;

/// <summary>Rebuilds an <see cref="ExecutionState"/> from history (everything stored there is already masked).</summary>
internal static class StoredExecutionState
{
    public static async Task<ExecutionState?> LoadAsync(HistoryStore history, string executionId, CancellationToken cancellationToken)
    {
        var record = await history.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var steps = await history.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false);
        var states = steps.OrderBy(s => s.Position).Select(s => new StepState
        {
            Id = s.StepId,
            Status = s.Status,
            Attempts = s.Attempts,
            StartedAt = s.StartedAt,
            EndedAt = s.EndedAt,
            Output = Parse(s.OutputJson),
            Error = s.ErrorCategory is { } category ? new StepError(category, s.ErrorMessage ?? "") : null,
        }).ToList();
        return new ExecutionState
        {
            ExecutionId = record.Id,
            PlaybookId = record.PlaybookId,
            PlaybookVersion = record.PlaybookVersion,
            Status = record.Status,
            DryRun = record.DryRun,
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
            Error = record.ErrorCategory is { } error ? new StepError(error, record.ErrorMessage ?? "") : null,
            Steps = states,
            Outputs = record.OutputsJson is null ? Value.From(Array.Empty<KeyValuePair<string, Value>>()) : Parse(record.OutputsJson),
        };
    }

    private static Value Parse(string? json)
    {
        if (json is null)
        {
            return Value.Null;
        }

        using var document = JsonDocument.Parse(json);
        return Value.FromJson(document.RootElement);
    }
}
