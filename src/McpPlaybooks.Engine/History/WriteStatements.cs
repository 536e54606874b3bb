using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQL of each <see cref="HistoryWrite"/>. Upserts use <c>ON CONFLICT DO UPDATE</c>, never <c>INSERT OR REPLACE</c>:
/// a replace deletes the row first, and the delete would cascade to the execution's steps, attempts and logs.
/// </summary>
internal static class WriteStatements
{
    internal const string SavePlaybookVersion = """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES (@PlaybookId, @Version, @Sha256, @Content, @Source, @Status, @CreatedAt)
        ON CONFLICT (playbook_id, version, sha256) DO NOTHING
        """;

    internal const string SaveExecution = """
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, incident_json,
            started_by, idempotency_key, parent_execution_id, replay_of, created_at, started_at, ended_at, error_category,
            error_message, outputs_json, owner_id, lease_expires_at, updated_at)
        VALUES (@Id, @PlaybookId, @PlaybookVersion, @PlaybookSha256, @Status, @DryRun, @InputsJson, @IncidentJson,
            @StartedBy, @IdempotencyKey, @ParentExecutionId, @ReplayOf, @CreatedAt, @StartedAt, @EndedAt, @ErrorCategory,
            @ErrorMessage, @OutputsJson, @OwnerId, @LeaseExpiresAt, @UpdatedAt)
        ON CONFLICT (id) DO UPDATE SET
            playbook_id = excluded.playbook_id, playbook_version = excluded.playbook_version,
            playbook_sha256 = excluded.playbook_sha256, status = excluded.status, dry_run = excluded.dry_run,
            inputs_json = excluded.inputs_json, incident_json = excluded.incident_json, started_by = excluded.started_by,
            idempotency_key = excluded.idempotency_key, parent_execution_id = excluded.parent_execution_id,
            replay_of = excluded.replay_of, created_at = excluded.created_at, started_at = excluded.started_at,
            ended_at = excluded.ended_at, error_category = excluded.error_category, error_message = excluded.error_message,
            outputs_json = excluded.outputs_json, owner_id = excluded.owner_id, lease_expires_at = excluded.lease_expires_at,
            updated_at = excluded.updated_at
        """;

    internal const string SaveStepState = """
        INSERT INTO step_states (execution_id, step_id, position, status, attempts, started_at, ended_at, output_json,
            error_category, error_message, plan_json)
        VALUES (@ExecutionId, @StepId, @Position, @Status, @Attempts, @StartedAt, @EndedAt, @OutputJson,
            @ErrorCategory, @ErrorMessage, @PlanJson)
        ON CONFLICT (execution_id, step_id) DO UPDATE SET
            position = excluded.position, status = excluded.status, attempts = excluded.attempts,
            started_at = excluded.started_at, ended_at = excluded.ended_at, output_json = excluded.output_json,
            error_category = excluded.error_category, error_message = excluded.error_message, plan_json = excluded.plan_json
        """;

    internal const string SaveAttempt = """
        INSERT INTO step_attempts (execution_id, step_id, kind, iteration, attempt, action, target, status, error_category,
            error_message, started_at, ended_at, duration_ms, output_json)
        VALUES (@ExecutionId, @StepId, @Kind, @Iteration, @Attempt, @Action, @Target, @Status, @ErrorCategory,
            @ErrorMessage, @StartedAt, @EndedAt, @DurationMs, @OutputJson)
        ON CONFLICT (execution_id, step_id, kind, iteration, attempt) DO UPDATE SET
            action = excluded.action, target = excluded.target, status = excluded.status,
            error_category = excluded.error_category, error_message = excluded.error_message,
            started_at = excluded.started_at, ended_at = excluded.ended_at, duration_ms = excluded.duration_ms,
            output_json = excluded.output_json
        """;

    internal const string AppendLog = """
        INSERT INTO logs (execution_id, step_id, level, message, at)
        VALUES (@ExecutionId, @StepId, @Level, @Message, @At)
        """;

    internal const string AppendAudit = """
        INSERT INTO audit (at, actor, action, subject_type, subject_id, detail_json)
        VALUES (@At, @Actor, @Action, @SubjectType, @SubjectId, @DetailJson)
        """;

    /// <summary>A few words for error messages: <c>save_execution run-1</c>.</summary>
    public static string Describe(HistoryWrite write) => write switch
    {
        HistoryWrite.SavePlaybookVersion w => $"save_playbook_version {w.Record.PlaybookId}@{w.Record.Version}",
        HistoryWrite.SaveExecution w => $"save_execution {w.Record.Id}",
        HistoryWrite.SaveStepState w => $"save_step_state {w.Record.ExecutionId}/{w.Record.StepId}",
        HistoryWrite.SaveAttempt w => $"save_attempt {w.Record.ExecutionId}/{w.Record.StepId}#{w.Record.Attempt}",
        HistoryWrite.AppendLog w => $"append_log {w.Record.ExecutionId}",
        HistoryWrite.AppendAudit w => $"append_audit {w.Record.Action} {w.Record.SubjectId}",
        _ => write.GetType().Name,
    };
}
