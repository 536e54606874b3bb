-- ExecutionListSql.Build(every filter)
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_playbook_list WHERE playbook_id = @PlaybookId AND started_by = @StartedBy COLLATE NOCASE AND (id LIKE @Text ESCAPE '\' OR playbook_id LIKE @Text ESCAPE '\' OR started_by LIKE @Text ESCAPE '\') AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND (created_at, id) < (@CursorCreatedAt, @CursorId) ORDER BY created_at DESC, id DESC LIMIT @Take

-- ExecutionListSql.Build(none)
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_list  ORDER BY created_at DESC, id DESC LIMIT @Take

-- FoldSql.ApplySteps
INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, refused, gate_timeouts, attempts, timeouts)
SELECT @p, json_extract(value, '$[0]'), @d, @sign, @sign * json_extract(value, '$[1]'), @sign * json_extract(value, '$[2]'),
    @sign * json_extract(value, '$[3]'), @sign * json_extract(value, '$[4]'), @sign * json_extract(value, '$[5]'), @sign * coalesce(json_extract(value, '$[6]'), 0),
    @sign * coalesce(json_extract(value, '$[7]'), 0), 0, 0
FROM json_each(@json) WHERE true
ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
    executions = executions + excluded.executions, runs = runs + excluded.runs, completed = completed + excluded.completed,
    failed = failed + excluded.failed, skipped = skipped + excluded.skipped, flaky = flaky + excluded.flaky,
    refused = refused + excluded.refused, gate_timeouts = gate_timeouts + excluded.gate_timeouts

-- FoldSql.Duration
INSERT INTO memory_durations (playbook_id, step_id, day, bucket, count) VALUES (@p, @s, @d, @b, @n)
ON CONFLICT (playbook_id, step_id, day, bucket) DO UPDATE SET count = count + excluded.count

-- FoldSql.DurationTotal
INSERT INTO memory_duration_totals (playbook_id, step_id, bucket, count) VALUES (@p, @s, @b, @n)
ON CONFLICT (playbook_id, step_id, bucket) DO UPDATE SET count = count + excluded.count

-- FoldSql.IncidentDay
INSERT INTO memory_incident_days (playbook_id, incident_type, day, runs, completed, cancelled, rejected, refused)
VALUES (@p, @i, @d, @runs, @completed, @cancelled, @rejected, @refused)
ON CONFLICT (playbook_id, incident_type, day) DO UPDATE SET
    runs = runs + excluded.runs, completed = completed + excluded.completed, cancelled = cancelled + excluded.cancelled,
    rejected = rejected + excluded.rejected, refused = refused + excluded.refused

-- FoldSql.IndexPattern
INSERT INTO memory_search (body, tags, kind, ref) VALUES (@body, '', 'pattern', last_insert_rowid())

-- FoldSql.InsertPattern
INSERT INTO memory_patterns (fingerprint, playbook_id, step_id, target, category, pattern, example, count, first_seen, last_seen)
VALUES (@f, @p, @s, @t, @c, @pattern, @example, @n, @first, @last)
ON CONFLICT (fingerprint, playbook_id, step_id, category) DO NOTHING

-- FoldSql.LastSuccess
INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at) VALUES (@p, @v, @e, @inputs, @at)
ON CONFLICT (playbook_id) DO UPDATE SET
    playbook_version = excluded.playbook_version, execution_id = excluded.execution_id, inputs_json = excluded.inputs_json,
    ended_at = excluded.ended_at
WHERE excluded.ended_at >= memory_last_success.ended_at

-- FoldSql.PlaybookDay
INSERT INTO memory_playbook_days (playbook_id, day, runs, completed, failed, cancelled, rolled_back, rejected, refused, completed_ms, last_run_at, last_success_at)
VALUES (@p, @d, @runs, @completed, @failed, @cancelled, @rolled_back, @rejected, @refused, @ms, @last_run, @last_success)
ON CONFLICT (playbook_id, day) DO UPDATE SET
    runs = runs + excluded.runs, completed = completed + excluded.completed, failed = failed + excluded.failed,
    cancelled = cancelled + excluded.cancelled, rolled_back = rolled_back + excluded.rolled_back,
    rejected = rejected + excluded.rejected, refused = refused + excluded.refused,
    completed_ms = completed_ms + excluded.completed_ms,
    last_run_at = coalesce(max(last_run_at, excluded.last_run_at), last_run_at, excluded.last_run_at),
    last_success_at = coalesce(max(last_success_at, excluded.last_success_at), last_success_at, excluded.last_success_at)

-- FoldSql.Ran
s.attempts > 0 AND (s.status IN ('completed', 'rolled_back', 'failed') OR EXISTS (
        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step'
            AND a.status IN ('completed', 'failed')))

-- FoldSql.Retry
INSERT INTO memory_retries (playbook_id, step_id, target, after_category, attempt, trials, successes)
VALUES (@p, @s, @t, @c, @k, @trials, @successes)
ON CONFLICT (playbook_id, step_id, target, after_category, attempt) DO UPDATE SET
    trials = trials + excluded.trials, successes = successes + excluded.successes

-- FoldSql.SaveFold
INSERT INTO memory_folds (execution_id, last_attempt_id, outcome_json, steps_json, folded_at) VALUES (@e, @id, @json, @steps, @at)
ON CONFLICT (execution_id) DO UPDATE SET
    last_attempt_id = excluded.last_attempt_id, outcome_json = excluded.outcome_json, steps_json = excluded.steps_json,
    folded_at = excluded.folded_at, pruned_at = NULL

-- FoldSql.SelectAttempts
SELECT id, step_id, iteration, attempt, target, status, error_category, error_message, started_at, duration_ms, timeout_ms,
    refused_by_breaker
FROM step_attempts WHERE execution_id = @e AND kind = 'step'

-- FoldSql.SelectFold
SELECT last_attempt_id, outcome_json, steps_json FROM memory_folds WHERE execution_id = @e

-- FoldSql.SelectSteps
SELECT json_group_array(json_array(s.step_id, s.attempts > 0 AND (s.status IN ('completed', 'rolled_back', 'failed') OR EXISTS (
        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step'
            AND a.status IN ('completed', 'failed'))), s.attempts > 0 AND s.status IN ('completed', 'rolled_back'),
    s.attempts > 0 AND s.status = 'failed' AND NOT (s.attempts > 0 AND NOT EXISTS (
    SELECT 1 FROM step_attempts t WHERE t.execution_id = s.execution_id AND t.step_id = s.step_id AND t.kind = 'step'
        AND t.status = 'failed' AND t.refused_by_breaker = 0)), s.status = 'skipped' AND s.blocked = 0 AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.subject_id = s.execution_id || '/' || s.step_id AND u.action = 'skip_step') AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.status = 'expired' AND a.on_timeout = 'skip'),
    s.attempts > 0 AND s.status IN ('completed', 'rolled_back') AND EXISTS (
        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step' AND a.status = 'failed'),
    s.status = 'failed' AND (s.attempts > 0 AND NOT EXISTS (
    SELECT 1 FROM step_attempts t WHERE t.execution_id = s.execution_id AND t.step_id = s.step_id AND t.kind = 'step'
        AND t.status = 'failed' AND t.refused_by_breaker = 0)), EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.status = 'expired')))
FROM step_states s WHERE s.execution_id = @e

-- FoldSql.StepCategory
INSERT INTO memory_step_categories (playbook_id, step_id, day, category, count) VALUES (@p, @s, @d, @c, @n)
ON CONFLICT (playbook_id, step_id, day, category) DO UPDATE SET count = count + excluded.count

-- FoldSql.StepDay
INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, attempts, timeouts)
VALUES (@p, @s, @d, 0, 0, 0, 0, 0, 0, @attempts, @timeouts)
ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
    attempts = attempts + excluded.attempts, timeouts = timeouts + excluded.timeouts

-- FoldSql.StepTimeout
INSERT INTO memory_step_timeouts (playbook_id, step_id, day, limit_ms, count) VALUES (@p, @s, @d, @limit, @n)
ON CONFLICT (playbook_id, step_id, day, limit_ms) DO UPDATE SET count = count + excluded.count

-- FoldSql.TargetCategory
INSERT INTO memory_target_categories (playbook_id, target, day, category, count) VALUES (@p, @t, @d, @c, @n)
ON CONFLICT (playbook_id, target, day, category) DO UPDATE SET count = count + excluded.count

-- FoldSql.TargetDay
INSERT INTO memory_target_days (playbook_id, target, day, attempts, failures, refusals, last_refused_at)
VALUES (@p, @t, @d, @attempts, @failures, @refusals, @last)
ON CONFLICT (playbook_id, target, day) DO UPDATE SET
    attempts = attempts + excluded.attempts, failures = failures + excluded.failures, refusals = refusals + excluded.refusals,
    last_refused_at = coalesce(max(last_refused_at, excluded.last_refused_at), last_refused_at, excluded.last_refused_at)

-- FoldSql.UpdatePattern
UPDATE memory_patterns SET count = count + @n, target = coalesce(@t, target),
    example = CASE WHEN @last >= last_seen THEN @example ELSE example END,
    first_seen = min(first_seen, @first), last_seen = max(last_seen, @last)
WHERE fingerprint = @f AND playbook_id = @p AND step_id = @s AND category = @c

-- LastSuccessSql.Day
UPDATE memory_playbook_days SET last_success_at = (
    SELECT MAX(o.ended_at)
    FROM executions o
WHERE o.playbook_id = @p AND o.id <> @e AND o.status = 'completed' AND o.dry_run = 0 AND o.ended_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = o.id)
        AND o.ended_at >= @d * 86400000 AND o.ended_at < (@d + 1) * 86400000)
WHERE playbook_id = @p AND day = @d

-- LastSuccessSql.Forget
DELETE FROM memory_last_success WHERE playbook_id = @p AND execution_id = @e

-- LastSuccessSql.Latest
INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at)
SELECT o.playbook_id, o.playbook_version, o.id, o.inputs_json, o.ended_at
FROM executions o
WHERE o.playbook_id = @p AND o.id <> @e AND o.status = 'completed' AND o.dry_run = 0 AND o.ended_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = o.id)
ORDER BY o.ended_at DESC, o.id DESC LIMIT 1

-- LeaseStatements.Claim
UPDATE executions SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
    previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
    owner_id = @OwnerId, lease_expires_at = @LeaseUntil
WHERE id = @ExecutionId AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back')
    AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
RETURNING lease_epoch

-- LeaseStatements.ClaimAny
UPDATE executions SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
    previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
    owner_id = @OwnerId, lease_expires_at = @LeaseUntil
WHERE id = @ExecutionId
    AND (owner_id IS NULL OR owner_id = @OwnerId OR lease_expires_at IS NULL OR lease_expires_at < @Now)
RETURNING lease_epoch

-- LeaseStatements.ClaimBatch
UPDATE executions SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
    previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
    owner_id = @OwnerId, lease_expires_at = @LeaseUntil
WHERE id IN (
    SELECT id FROM executions INDEXED BY ix_executions_unfinished
    WHERE status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND dry_run = 0
        AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
    ORDER BY created_at, id LIMIT @Limit)
RETURNING id, lease_epoch

-- LeaseStatements.ClaimSet
SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
    previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
    owner_id = @OwnerId, lease_expires_at = @LeaseUntil

-- LeaseStatements.Fence
UPDATE executions SET lease_epoch = lease_epoch WHERE id = @ExecutionId AND owner_id = @OwnerId AND lease_epoch = @Epoch

-- LeaseStatements.LeaseOf
SELECT owner_id, lease_epoch FROM executions WHERE id = @ExecutionId

-- LeaseStatements.Release
UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE id = @ExecutionId AND owner_id = @OwnerId

-- LeaseStatements.ReleaseAll
UPDATE executions SET owner_id = NULL, lease_expires_at = NULL WHERE owner_id = @OwnerId

-- LeaseStatements.Renew
UPDATE executions SET lease_expires_at = @LeaseUntil WHERE owner_id = @OwnerId AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back')
RETURNING id

-- LeaseStatements.UnfinishedList
'pending', 'running', 'paused', 'waiting_approval', 'rolling_back'

-- MemoryBackfill.AnyUnfolded
SELECT EXISTS (SELECT 1 FROM executions INDEXED BY ix_executions_ended
WHERE ended_at IS NOT NULL AND ended_at >= @At AND (ended_at > @At OR id > @Id)
    AND dry_run = 0 AND status IN ('completed', 'failed', 'cancelled', 'rolled_back')
    AND NOT EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = executions.id))

-- MemoryBackfill.SelectUnfolded
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_ended
WHERE ended_at IS NOT NULL AND ended_at >= @At AND (ended_at > @At OR id > @Id)
    AND dry_run = 0 AND status IN ('completed', 'failed', 'cancelled', 'rolled_back')
    AND NOT EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = executions.id) ORDER BY ended_at, id LIMIT @Limit

-- ReadStatements.FindActiveDuplicateSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_duplicate
WHERE playbook_id = @playbookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND playbook_sha256 = @sha256
    AND inputs_json = @inputsJson AND incident_json IS @incidentJson
    AND secret_inputs_hmac IS @secretInputsHmac
ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.FindByIdempotencyKeySql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_idempotency_key
WHERE idempotency_key = @idempotencyKey ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.FindDryRunSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE playbook_id = @playbookId AND dry_run = 1 AND status = 'completed' AND playbook_sha256 = @sha256
    AND inputs_json = @inputsJson AND created_at >= @Since
ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.ListActiveExecutionsSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions WHERE playbook_id = @playbookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') ORDER BY created_at, id

-- ReadStatements.ListClaimableSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions INDEXED BY ix_executions_unfinished
WHERE status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND dry_run = 0
    AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
ORDER BY created_at, id LIMIT @Limit

-- ReadStatements.ListExecutionStartsSql
SELECT created_at FROM executions WHERE playbook_id = @playbookId AND dry_run = 0 AND created_at >= @Since ORDER BY created_at, id

-- SqlDialect.BeginWrite
BEGIN IMMEDIATE

-- SqlDialect.FullText
memory_search MATCH @match
bm25(memory_search)
snippet(memory_search, -1, '[', ']', '…', 16)

-- SqlDialect.InsertOrReplace(approval_pages)
INSERT OR REPLACE INTO approval_pages (owner_id, base_url, started_at) VALUES (@OwnerId, @BaseUrl, @StartedAt)

-- StartCheckStatements.ActiveCountSql
SELECT COUNT(*) FROM executions WHERE playbook_id = @PlaybookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back')

-- StartCheckStatements.IdenticalActiveSql
SELECT 1 FROM executions INDEXED BY ix_executions_duplicate
WHERE playbook_id = @PlaybookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND playbook_sha256 = @Sha256
    AND inputs_json = @InputsJson AND incident_json IS @IncidentJson
    AND secret_inputs_hmac IS @SecretInputsHmac
LIMIT 1

-- StartCheckStatements.KeyTakenSql
SELECT 1 FROM executions INDEXED BY ix_executions_idempotency_key WHERE idempotency_key = @IdempotencyKey LIMIT 1

-- StartCheckStatements.StartsInHourSql
SELECT COUNT(*) FROM executions WHERE playbook_id = @PlaybookId AND dry_run = 0 AND created_at > @Since

-- WriteStatements.AppendAudit
INSERT INTO audit (at, actor, action, subject_type, subject_id, detail_json)
VALUES (@At, @Actor, @Action, @SubjectType, @SubjectId, @DetailJson)

-- WriteStatements.AppendControlRequest
INSERT INTO control_requests (execution_id, action, payload_json, requested_by, requested_at, handled_at, error)
VALUES (@ExecutionId, @Action, @PayloadJson, @RequestedBy, @RequestedAt, @HandledAt, @Error)

-- WriteStatements.AppendDecision
INSERT INTO approval_decisions (execution_id, step_id, approver, channel, person, claimed, approved, comment, at)
VALUES (@ExecutionId, @StepId, @Approver, @Channel, @Person, @Claimed, @Approved, @Comment, @At)

-- WriteStatements.AppendLog
INSERT INTO logs (execution_id, step_id, level, message, at)
VALUES (@ExecutionId, @StepId, @Level, @Message, @At)

-- WriteStatements.AppendSignal
INSERT INTO signals (execution_id, type, correlation, payload_json, sent_by, at, consumed_by, consumed_at)
VALUES (@ExecutionId, @Type, @Correlation, @PayloadJson, @SentBy, @At, @ConsumedBy, @ConsumedAt)

-- WriteStatements.ClearDecisions
DELETE FROM approval_decisions WHERE execution_id = @ExecutionId AND step_id = @StepId

-- WriteStatements.CompleteControlRequest
UPDATE control_requests SET handled_at = @At, error = @Error WHERE id = @RequestId

-- WriteStatements.ConsumeSignal
UPDATE signals SET consumed_by = @StepId, consumed_at = @At WHERE id = @SignalId AND (consumed_by IS NULL OR consumed_by = @TakenFrom)

-- WriteStatements.ForgetExpiredHandles
DELETE FROM execution_handles WHERE ttl_ms IS NOT NULL AND created_at + ttl_ms <= @Now

-- WriteStatements.SaveApproval
INSERT INTO approvals (execution_id, step_id, message, approvers_json, min_approvals, expires_at, on_timeout,
    separate_approver, status, created_at, resolved_at)
VALUES (@ExecutionId, @StepId, @Message, @ApproversJson, @MinApprovals, @ExpiresAt, @OnTimeout,
    @SeparateApprover, @Status, @CreatedAt, @ResolvedAt)
ON CONFLICT (execution_id, step_id) DO UPDATE SET
    message = excluded.message, approvers_json = excluded.approvers_json, min_approvals = excluded.min_approvals,
    expires_at = excluded.expires_at, on_timeout = excluded.on_timeout, separate_approver = excluded.separate_approver,
    status = excluded.status, created_at = excluded.created_at, resolved_at = excluded.resolved_at

-- WriteStatements.SaveAttempt
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

-- WriteStatements.SaveExecution
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

-- WriteStatements.SaveHandle
INSERT INTO execution_handles (id, execution_id, holder, origin, created_at, ttl_ms, poll_ms)
VALUES (@Id, @ExecutionId, @Holder, @Origin, @CreatedAt, @TtlMs, @PollMs)

-- WriteStatements.SavePlaybookStatus
INSERT INTO playbook_statuses (playbook_id, version, status, changed_at, changed_by)
VALUES (@PlaybookId, @Version, @Status, @ChangedAt, @ChangedBy)
ON CONFLICT (playbook_id, version) DO UPDATE SET
    status = excluded.status, changed_at = excluded.changed_at, changed_by = excluded.changed_by

-- WriteStatements.SavePlaybookVersion
INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
VALUES (@PlaybookId, @Version, @Sha256, @Content, @Source, 'active', @CreatedAt)
ON CONFLICT (playbook_id, version, sha256) DO NOTHING

-- WriteStatements.SaveStepState
INSERT INTO step_states (execution_id, step_id, position, status, attempts, started_at, ended_at, output_json,
    error_category, error_message, plan_json, blocked)
VALUES (@ExecutionId, @StepId, @Position, @Status, @Attempts, @StartedAt, @EndedAt, @OutputJson,
    @ErrorCategory, @ErrorMessage, @PlanJson, @Blocked)
ON CONFLICT (execution_id, step_id) DO UPDATE SET
    position = excluded.position, status = excluded.status, attempts = excluded.attempts,
    started_at = excluded.started_at, ended_at = excluded.ended_at, output_json = excluded.output_json,
    error_category = excluded.error_category, error_message = excluded.error_message, plan_json = excluded.plan_json,
    blocked = excluded.blocked

