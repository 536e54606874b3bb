using System.Globalization;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>What <c>resume</c> prints: for people, a line per execution taken over and its final status; or one JSON document.</summary>
internal static class ResumeWriter
{
    /// <summary>The line said when an execution is taken over, before it goes on.</summary>
    public static string TakenOver(ResumedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var rerun = execution.Rerun.Count > 0 ? $"; re-running {string.Join(", ", execution.Rerun)} (idempotent)" : "";
        var interrupted = execution.Interrupted.Count > 0 ? $"; interrupted {string.Join(", ", execution.Interrupted)} (not idempotent: not run again)" : "";
        return $"resumed {execution.ExecutionId}{rerun}{interrupted}";
    }

    /// <summary>The lines for one execution once it ended or parked: its status, then what to do when it waits.</summary>
    public static IEnumerable<string> Final(ResumedExecution execution)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (execution.State is not { } state)
        {
            yield return $"{execution.ExecutionId}: no longer in the history";
            yield break;
        }

        yield return $"{state.ExecutionId} ({state.PlaybookId} {state.PlaybookVersion}): {EnumNames.ToName(state.Status)}: {HumanRunFormat.StepCounts(state)}";
        if (state.Error is { } error)
        {
            yield return $"  error: {HumanRunFormat.Error(error)}";
        }

        foreach (var line in state.PendingApprovals.SelectMany(gate => HumanRunFormat.GateWaits(state, gate)))
        {
            yield return line;
        }

        foreach (var line in HumanRunFormat.NextSteps(state))
        {
            yield return line;
        }
    }

    /// <summary>The line for an execution another process holds: alive on this host, or on a shared database, leased.</summary>
    public static string Held(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var until = record.LeaseExpiresAt?.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "?";
        return $"{record.Id} ({EnumNames.ToName(record.Status)}) is held by {record.OwnerId} until {until}Z (its lease); not taken over: if that process has stopped, run 'resume' again after that time";
    }

    /// <summary>
    /// <c>{"resumed": [{"execution_id", "rerun": [...], "interrupted": [...], "state": §5 state}], "held": [{"execution_id", "status",
    /// "owner", "lease_expires_at"}]}</c>.
    /// </summary>
    public static string Json(IReadOnlyList<ResumedExecution> resumed, IReadOnlyList<ExecutionRecord> held)
    {
        ArgumentNullException.ThrowIfNull(resumed);
        ArgumentNullException.ThrowIfNull(held);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("resumed");
            foreach (var execution in resumed)
            {
                writer.WriteStartObject();
                writer.WriteString("execution_id", execution.ExecutionId);
                WriteStrings(writer, "rerun", execution.Rerun);
                WriteStrings(writer, "interrupted", execution.Interrupted);
                writer.WritePropertyName("state");
                if (execution.State is { } state)
                {
                    ExecutionStateJson.Write(writer, state, CliStateJson.Bounded);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("held");
            foreach (var record in held)
            {
                writer.WriteStartObject();
                writer.WriteString("execution_id", record.Id);
                writer.WriteString("status", EnumNames.ToName(record.Status));
                writer.WriteString("owner", record.OwnerId);
                if (record.LeaseExpiresAt is { } until)
                {
                    // As the state's times are written: UTC, to the millisecond.
                    writer.WriteString("lease_expires_at", until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("lease_expires_at");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
