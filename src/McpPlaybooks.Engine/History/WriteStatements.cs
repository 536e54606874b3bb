using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History;

/// <summary>
/// The SQL of each <see cref="HistoryWrite"/>. Upserts use <c>ON CONFLICT DO UPDATE</c>, never <c>INSERT OR REPLACE</c>:
/// a replace deletes the row first, and the delete would cascade to the execution's steps, attempts and logs.
/// </summary>
internal static class WriteStatements
{
    /// <summary>
    /// The <c>status</c> column (NOT NULL since the first migration) is a constant: a version's lifecycle status
    /// lives in <c>playbook_statuses</c>.
    /// </summary>
    internal const string SavePlaybookVersion = """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES (@PlaybookId, @Version, @Sha256, @Content, @Source, 'active', @CreatedAt)
        ON CONFLICT (playbook_id, version, sha256) DO NOTHING
        """;

    /// <summary>
    /// The owner and the lease come from the record only when the row is new: afterwards only the lease
    /// operations (<see cref="LeaseStatements"/>) change them, so a save never undoes a claim by another process. The digest
    /// of the secret inputs too: it is the start's, which a run restored without its secrets could not compute again.
    /// </summary>
    internal const string SaveExecution = """
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, incident_json,
            started_by, idempotency_key, parent_execution_id, replay_of, created_at, started_at, ended_at, error_category,
            error_message, outputs_json, owner_id, lease_expires_at, updated_at, depth, active_ms, running_since, secret_inputs_hmac)
        VALUES (@Id, @PlaybookId, @PlaybookVersion, @PlaybookSha256, @Status, @DryRun, @InputsJson, @IncidentJson,
            @StartedBy, @IdempotencyKey, @ParentExecutionId, @ReplayOf, @CreatedAt, @StartedAt, @EndedAt, @ErrorCategory,
            @ErrorMessage, @OutputsJson, @OwnerId, @LeaseExpiresAt, @UpdatedAt, @Depth, @ActiveMs, @RunningSince, @SecretInputsHmac)
        ON CONFLICT (id) DO UPDATE SET
            playbook_id = excluded.playbook_id, playbook_version = excluded.playbook_version,
            playbook_sha256 = excluded.playbook_sha256, status = excluded.status, dry_run = excluded.dry_run,
            inputs_json = excluded.inputs_json, incident_json = excluded.incident_json, started_by = excluded.started_by,
            idempotency_key = excluded.idempotency_key, parent_execution_id = excluded.parent_execution_id,
            replay_of = excluded.replay_of, created_at = excluded.created_at, started_at = excluded.started_at,
            ended_at = excluded.ended_at, error_category = excluded.error_category, error_message = excluded.error_message,
            outputs_json = excluded.outputs_json, updated_at = excluded.updated_at, depth = excluded.depth,
            active_ms = excluded.active_ms, running_since = excluded.running_since
        """;

    internal const string SaveStepState = """
        INSERT INTO step_states (execution_id, step_id, position, status, attempts, started_at, ended_at, output_json,
            error_category, error_message, plan_json, blocked)
        VALUES (@ExecutionId, @StepId, @Position, @Status, @Attempts, @StartedAt, @EndedAt, @OutputJson,
            @ErrorCategory, @ErrorMessage, @PlanJson, @Blocked)
        ON CONFLICT (execution_id, step_id) DO UPDATE SET
            position = excluded.position, status = excluded.status, attempts = excluded.attempts,
            started_at = excluded.started_at, ended_at = excluded.ended_at, output_json = excluded.output_json,
            error_category = excluded.error_category, error_message = excluded.error_message, plan_json = excluded.plan_json,
            blocked = excluded.blocked
        """;

    internal const string SaveAttempt = """
        INSERT INTO step_attempts (execution_id, step_id, kind, iteration, attempt, action, target, status, error_category,
            error_message, started_at, ended_at, duration_ms, output_json, process_id, process_started, timeout_ms, refused_by_breaker)
        VALUES (@ExecutionId, @StepId, @Kind, @Iteration, @Attempt, @Action, @Target, @Status, @ErrorCategory,
            @ErrorMessage, @StartedAt, @EndedAt, @DurationMs, @OutputJson, @ProcessId, @ProcessStarted, @TimeoutMs, @RefusedByBreaker)
        ON CONFLICT (execution_id, step_id, kind, iteration, attempt) DO UPDATE SET
            action = excluded.action, target = excluded.target, status = excluded.status,
            error_category = excluded.error_category, error_message = excluded.error_message,
            started_at = excluded.started_at, ended_at = excluded.ended_at, duration_ms = excluded.duration_ms,
            output_json = excluded.output_json, process_id = excluded.process_id, process_started = excluded.process_started,
            timeout_ms = excluded.timeout_ms, refused_by_breaker = excluded.refused_by_breaker
        """;

    internal const string AppendLog = """
        INSERT INTO logs (execution_id, step_id, level, message, at)
        VALUES (@ExecutionId, @StepId, @Level, @Message, @At)
        """;

    internal const string AppendAudit = """
        INSERT INTO audit (at, actor, action, subject_type, subject_id, detail_json)
        VALUES (@At, @Actor, @Action, @SubjectType, @SubjectId, @DetailJson)
        """;

    internal const string SaveApproval = """
        INSERT INTO approvals (execution_id, step_id, message, approvers_json, min_approvals, expires_at, on_timeout,
            separate_approver, status, created_at, resolved_at)
        VALUES (@ExecutionId, @StepId, @Message, @ApproversJson, @MinApprovals, @ExpiresAt, @OnTimeout,
            @SeparateApprover, @Status, @CreatedAt, @ResolvedAt)
        ON CONFLICT (execution_id, step_id) DO UPDATE SET
            message = excluded.message, approvers_json = excluded.approvers_json, min_approvals = excluded.min_approvals,
            expires_at = excluded.expires_at, on_timeout = excluded.on_timeout, separate_approver = excluded.separate_approver,
            status = excluded.status, created_at = excluded.created_at, resolved_at = excluded.resolved_at
        """;

    internal const string ClearDecisions = """
        DELETE FROM approval_decisions WHERE execution_id = @ExecutionId AND step_id = @StepId
        """;

    internal const string AppendDecision = """
        INSERT INTO approval_decisions (execution_id, step_id, approver, channel, person, claimed, approved, comment, at)
        VALUES (@ExecutionId, @StepId, @Approver, @Channel, @Person, @Claimed, @Approved, @Comment, @At)
        """;

    internal const string AppendSignal = """
        INSERT INTO signals (execution_id, type, correlation, payload_json, sent_by, at, consumed_by, consumed_at)
        VALUES (@ExecutionId, @Type, @Correlation, @PayloadJson, @SentBy, @At, @ConsumedBy, @ConsumedAt)
        """;

    /// <summary>
    /// A signal is consumed once: a second consumption leaves the first step's mark; only the attempt that takes over from
    /// one that never ended (<c>@TakenFrom</c>, its consumer) takes it.
    /// </summary>
    internal const string ConsumeSignal = """
        UPDATE signals SET consumed_by = @StepId, consumed_at = @At WHERE id = @SignalId AND (consumed_by IS NULL OR consumed_by = @TakenFrom)
        """;

    internal const string AppendControlRequest = """
        INSERT INTO control_requests (execution_id, action, payload_json, requested_by, requested_at, handled_at, error)
        VALUES (@ExecutionId, @Action, @PayloadJson, @RequestedBy, @RequestedAt, @HandledAt, @Error)
        """;

    internal const string CompleteControlRequest = """
        UPDATE control_requests SET handled_at = @At, error = @Error WHERE id = @RequestId
        """;

    internal const string SavePlaybookStatus = """
        INSERT INTO playbook_statuses (playbook_id, version, status, changed_at, changed_by)
        VALUES (@PlaybookId, @Version, @Status, @ChangedAt, @ChangedBy)
        ON CONFLICT (playbook_id, version) DO UPDATE SET
            status = excluded.status, changed_at = excluded.changed_at, changed_by = excluded.changed_by
        """;

    internal const string SaveHandle = """
        INSERT INTO execution_handles (id, execution_id, holder, origin, created_at, ttl_ms, poll_ms)
        VALUES (@Id, @ExecutionId, @Holder, @Origin, @CreatedAt, @TtlMs, @PollMs)
        """;

    internal const string ForgetExpiredHandles = """
        DELETE FROM execution_handles WHERE ttl_ms IS NOT NULL AND created_at + ttl_ms <= @Now
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
        HistoryWrite.SaveApproval w => $"save_approval {w.Record.ExecutionId}/{w.Record.StepId}",
        HistoryWrite.AppendDecision w => $"append_decision {w.Record.ExecutionId}/{w.Record.StepId}",
        HistoryWrite.AppendSignal w => $"append_signal {w.Record.ExecutionId} {w.Record.Type}",
        HistoryWrite.ConsumeSignal w => $"consume_signal {w.SignalId}",
        HistoryWrite.AppendControlRequest w => $"append_control_request {w.Record.ExecutionId} {w.Record.Action}",
        HistoryWrite.CompleteControlRequest w => $"complete_control_request {w.RequestId}",
        HistoryWrite.SavePlaybookStatus w => $"save_playbook_status {w.Record.PlaybookId}@{w.Record.Version}",
        HistoryWrite.SaveHandle w => $"save_handle {w.Record.Id} {w.Record.ExecutionId}",
        HistoryWrite.ForgetExpiredHandles => "forget_expired_handles",
        _ => write.GetType().Name,
    };
}
