using System.Globalization;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Execution.State;

/// <summary>Writes an <see cref="ExecutionState"/> as the JSON of design §5 (snake case, enums as snake names).</summary>
public static class ExecutionStateJson
{
    public static string ToJson(ExecutionState state, bool indented = false) =>
        ToJson(writer => Write(writer, state), indented);

    /// <summary>The state as <paramref name="options"/> say (a reader's bounded view).</summary>
    public static string ToJson(ExecutionState state, ExecutionStateJsonOptions options, bool indented = false) =>
        ToJson(writer => Write(writer, state, options), indented);

    internal static string ToJson(Action<Utf8JsonWriter> write, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, ExecutionState state) => Write(writer, state, ExecutionStateJsonOptions.Whole);

    /// <summary>Writes <paramref name="state"/> as <paramref name="options"/> say (<see cref="ExecutionStateJsonOptions"/>).</summary>
    public static void Write(Utf8JsonWriter writer, ExecutionState state, ExecutionStateJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        writer.WriteString("execution_id", state.ExecutionId);
        writer.WriteString("playbook_id", state.PlaybookId);
        writer.WriteString("playbook_version", state.PlaybookVersion);
        writer.WriteString("status", EnumNames.ToName(state.Status));
        writer.WriteBoolean("dry_run", state.DryRun);
        WriteTime(writer, "started_at", state.StartedAt, options);
        WriteTime(writer, "ended_at", state.EndedAt, options);
        WriteError(writer, state.Error, options);
        writer.WriteStartArray("steps");
        foreach (var step in state.Steps)
        {
            WriteStep(writer, step, options);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("finally");
        foreach (var call in state.Finally)
        {
            WriteFinally(writer, call, options);
        }

        writer.WriteEndArray();
        if (state.DryRun)
        {
            WriteStrings(writer, "would_fail", state.WouldFail);
        }

        writer.WriteStartArray("pending_approvals");
        foreach (var approval in state.PendingApprovals)
        {
            WriteApproval(writer, approval, options);
        }

        writer.WriteEndArray();
        options.Data(writer, "outputs", state.Outputs);
        writer.WriteStartArray("next_actions");
        foreach (var next in state.NextActions)
        {
            if (options.KeepNextAction is { } keep && !keep(next))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("tool", next.Tool);
            writer.WritePropertyName("arguments");
            next.Arguments.WriteJson(writer);
            writer.WriteString("why", next.Why);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        options.WriteMore?.Invoke(writer);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, StepState step, ExecutionStateJsonOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", step.Id);
        writer.WriteString("status", EnumNames.ToName(step.Status));
        writer.WriteNumber("attempts", step.Attempts);
        WriteTime(writer, "started_at", step.StartedAt, options);
        WriteTime(writer, "ended_at", step.EndedAt, options);
        options.Data(writer, "output", step.Output);
        WriteError(writer, step.Error, options);
        if (step.Plan is { } plan)
        {
            writer.WritePropertyName("plan");
            WritePlan(writer, plan, options);
        }

        writer.WriteEndObject();
    }

    private static void WriteFinally(Utf8JsonWriter writer, FinallyResult call, ExecutionStateJsonOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("id", call.Id);
        writer.WriteString("action", call.Action);
        writer.WriteString("status", EnumNames.ToName(call.Status));
        WriteError(writer, call.Error, options);
        if (call.Plan is { } plan)
        {
            writer.WritePropertyName("plan");
            WritePlan(writer, plan, options);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a plan as a JSON object value.</summary>
    internal static void WritePlan(Utf8JsonWriter writer, StepPlan plan) => WritePlan(writer, plan, ExecutionStateJsonOptions.Whole);

    private static void WritePlan(Utf8JsonWriter writer, StepPlan plan, ExecutionStateJsonOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("would_run", plan.WouldRun);
        if (plan.Reason is not null)
        {
            writer.WriteString("reason", plan.Reason);
        }

        writer.WriteString("action", plan.Action);
        WriteStrings(writer, "description", plan.Description);
        options.Data(writer, "arguments", plan.Arguments);
        if (plan.Iterations is { } iterations)
        {
            writer.WriteNumber("iterations", iterations);
        }

        if (plan.Gate is { } gate)
        {
            writer.WritePropertyName("gate");
            WriteApproval(writer, gate, options);
        }

        WriteStrings(writer, "rollback", plan.Rollback);
        WriteStrings(writer, "verify", plan.Verify);
        WriteStrings(writer, "would_fail", plan.WouldFail);
        WriteStrings(writer, "notes", plan.Notes);
        writer.WriteEndObject();
    }

    private static void WriteApproval(Utf8JsonWriter writer, PendingApproval approval, ExecutionStateJsonOptions options)
    {
        writer.WriteStartObject();
        if (approval.ExecutionId is not null)
        {
            writer.WriteString("execution_id", approval.ExecutionId);
        }

        writer.WriteString("step_id", approval.StepId);
        writer.WriteString("message", approval.Message);
        if (approval.MessageTemplate is { } template)
        {
            writer.WriteString("message_template", template);
        }

        WriteStrings(writer, "approvers", approval.Approvers);
        writer.WriteNumber("min_approvals", approval.MinApprovals);
        writer.WriteBoolean("separate_approver", approval.SeparateApprover);
        writer.WriteStartArray("decisions");
        foreach (var decision in approval.Decisions)
        {
            writer.WriteStartObject();
            writer.WriteString("approver", decision.Approver);
            writer.WriteString("decision", decision.Approved ? "approve" : "reject");
            writer.WriteString("channel", EnumNames.ToName(decision.Channel));
            writer.WriteBoolean("verified", decision.Verified);
            WriteTime(writer, "at", decision.At, options);
            if (decision.Comment is not { } comment)
            {
                options.Null(writer, "comment");
            }
            else
            {
                writer.WriteString("comment", options.Comment is { } bound ? bound(comment) : comment);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteTime(writer, "expires_at", approval.ExpiresAt, options);
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, StepError? error, ExecutionStateJsonOptions options)
    {
        if (error is null)
        {
            options.Null(writer, "error");
            return;
        }

        writer.WriteStartObject("error");
        writer.WriteString("category", EnumNames.ToName(error.Category));
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time, ExecutionStateJsonOptions options)
    {
        if (time is { } t)
        {
            writer.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            options.Null(writer, name);
        }
    }
}
