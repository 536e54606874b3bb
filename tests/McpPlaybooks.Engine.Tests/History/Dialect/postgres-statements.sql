-- ExecutionListSql.Build(every filter)
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions WHERE playbook_id = @PlaybookId AND lower(started_by) = lower(@StartedBy) AND (id ILIKE @Text ESCAPE '\' OR playbook_id ILIKE @Text ESCAPE '\' OR started_by ILIKE @Text ESCAPE '\') AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND (created_at, id) < (@CursorCreatedAt, @CursorId) ORDER BY created_at DESC, id DESC LIMIT @Take

-- ExecutionListSql.Build(none)
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions  ORDER BY created_at DESC, id DESC LIMIT @Take

-- FoldSql.ApplySteps
INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, refused, gate_timeouts, attempts, timeouts)
SELECT @p, (value ->> 0), @d, @sign, @sign * (value ->> 1)::bigint, @sign * (value ->> 2)::bigint,
    @sign * (value ->> 3)::bigint, @sign * (value ->> 4)::bigint, @sign * (value ->> 5)::bigint, @sign * coalesce((value ->> 6)::bigint, 0),
    @sign * coalesce((value ->> 7)::bigint, 0), 0, 0
FROM json_array_elements(CAST(@json AS json)) AS elements(value) WHERE true
ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
    executions = memory_step_days.executions + excluded.executions, runs = memory_step_days.runs + excluded.runs, completed = memory_step_days.completed + excluded.completed,
    failed = memory_step_days.failed + excluded.failed, skipped = memory_step_days.skipped + excluded.skipped, flaky = memory_step_days.flaky + excluded.flaky,
    refused = memory_step_days.refused + excluded.refused, gate_timeouts = memory_step_days.gate_timeouts + excluded.gate_timeouts

-- FoldSql.Duration
INSERT INTO memory_durations (playbook_id, step_id, day, bucket, count) VALUES (@p, @s, @d, @b, @n)
ON CONFLICT (playbook_id, step_id, day, bucket) DO UPDATE SET count = memory_durations.count + excluded.count

-- FoldSql.DurationTotal
INSERT INTO memory_duration_totals (playbook_id, step_id, bucket, count) VALUES (@p, @s, @b, @n)
ON CONFLICT (playbook_id, step_id, bucket) DO UPDATE SET count = memory_duration_totals.count + excluded.count

-- FoldSql.IncidentDay
INSERT INTO memory_incident_days (playbook_id, incident_type, day, runs, completed, cancelled, rejected, refused)
VALUES (@p, @i, @d, @runs, @completed, @cancelled, @rejected, @refused)
ON CONFLICT (playbook_id, incident_type, day) DO UPDATE SET
    runs = memory_incident_days.runs + excluded.runs, completed = memory_incident_days.completed + excluded.completed, cancelled = memory_incident_days.cancelled + excluded.cancelled,
    rejected = memory_incident_days.rejected + excluded.rejected, refused = memory_incident_days.refused + excluded.refused

-- FoldSql.IndexPattern
INSERT INTO memory_search (body, tags, kind, ref) VALUES (@body, '', 'pattern', currval(pg_get_serial_sequence('memory_patterns', 'id')))

-- FoldSql.PlaybookDay
INSERT INTO memory_playbook_days (playbook_id, day, runs, completed, failed, cancelled, rolled_back, rejected, refused, completed_ms, last_run_at, last_success_at)
VALUES (@p, @d, @runs, @completed, @failed, @cancelled, @rolled_back, @rejected, @refused, @ms, @last_run, @last_success)
ON CONFLICT (playbook_id, day) DO UPDATE SET
    runs = memory_playbook_days.runs + excluded.runs, completed = memory_playbook_days.completed + excluded.completed, failed = memory_playbook_days.failed + excluded.failed,
    cancelled = memory_playbook_days.cancelled + excluded.cancelled, rolled_back = memory_playbook_days.rolled_back + excluded.rolled_back,
    rejected = memory_playbook_days.rejected + excluded.rejected, refused = memory_playbook_days.refused + excluded.refused,
    completed_ms = memory_playbook_days.completed_ms + excluded.completed_ms,
    last_run_at = coalesce(greatest(memory_playbook_days.last_run_at, excluded.last_run_at), memory_playbook_days.last_run_at, excluded.last_run_at),
    last_success_at = coalesce(greatest(memory_playbook_days.last_success_at, excluded.last_success_at), memory_playbook_days.last_success_at, excluded.last_success_at)

-- FoldSql.Retry
INSERT INTO memory_retries (playbook_id, step_id, target, after_category, attempt, trials, successes)
VALUES (@p, @s, @t, @c, @k, @trials, @successes)
ON CONFLICT (playbook_id, step_id, target, after_category, attempt) DO UPDATE SET
    trials = memory_retries.trials + excluded.trials, successes = memory_retries.successes + excluded.successes

-- FoldSql.SelectSteps
SELECT coalesce(json_agg(json_build_array(s.step_id, (s.attempts > 0 AND (s.status IN ('completed', 'rolled_back', 'failed') OR EXISTS (
        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step'
            AND a.status IN ('completed', 'failed'))))::int, (s.attempts > 0 AND s.status IN ('completed', 'rolled_back'))::int,
    (s.attempts > 0 AND s.status = 'failed' AND NOT (s.attempts > 0 AND NOT EXISTS (
    SELECT 1 FROM step_attempts t WHERE t.execution_id = s.execution_id AND t.step_id = s.step_id AND t.kind = 'step'
        AND t.status = 'failed' AND t.refused_by_breaker = 0)))::int, (s.status = 'skipped' AND s.blocked = 0 AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.subject_id = s.execution_id || '/' || s.step_id AND u.action = 'skip_step') AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.status = 'expired' AND a.on_timeout = 'skip'))::int,
    (s.attempts > 0 AND s.status IN ('completed', 'rolled_back') AND EXISTS (
        SELECT 1 FROM step_attempts a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.kind = 'step' AND a.status = 'failed'))::int,
    (s.status = 'failed' AND (s.attempts > 0 AND NOT EXISTS (
    SELECT 1 FROM step_attempts t WHERE t.execution_id = s.execution_id AND t.step_id = s.step_id AND t.kind = 'step'
        AND t.status = 'failed' AND t.refused_by_breaker = 0)))::int, (EXISTS (SELECT 1 FROM approvals a WHERE a.execution_id = s.execution_id AND a.step_id = s.step_id AND a.status = 'expired'))::int)), '[]'::json)
FROM step_states s WHERE s.execution_id = @e

-- FoldSql.StepCategory
INSERT INTO memory_step_categories (playbook_id, step_id, day, category, count) VALUES (@p, @s, @d, @c, @n)
ON CONFLICT (playbook_id, step_id, day, category) DO UPDATE SET count = memory_step_categories.count + excluded.count

-- FoldSql.StepDay
INSERT INTO memory_step_days (playbook_id, step_id, day, executions, runs, completed, failed, skipped, flaky, attempts, timeouts)
VALUES (@p, @s, @d, 0, 0, 0, 0, 0, 0, @attempts, @timeouts)
ON CONFLICT (playbook_id, step_id, day) DO UPDATE SET
    attempts = memory_step_days.attempts + excluded.attempts, timeouts = memory_step_days.timeouts + excluded.timeouts

-- FoldSql.StepTimeout
INSERT INTO memory_step_timeouts (playbook_id, step_id, day, limit_ms, count) VALUES (@p, @s, @d, @limit, @n)
ON CONFLICT (playbook_id, step_id, day, limit_ms) DO UPDATE SET count = memory_step_timeouts.count + excluded.count

-- FoldSql.TargetCategory
INSERT INTO memory_target_categories (playbook_id, target, day, category, count) VALUES (@p, @t, @d, @c, @n)
ON CONFLICT (playbook_id, target, day, category) DO UPDATE SET count = memory_target_categories.count + excluded.count

-- FoldSql.TargetDay
INSERT INTO memory_target_days (playbook_id, target, day, attempts, failures, refusals, last_refused_at)
VALUES (@p, @t, @d, @attempts, @failures, @refusals, @last)
ON CONFLICT (playbook_id, target, day) DO UPDATE SET
    attempts = memory_target_days.attempts + excluded.attempts, failures = memory_target_days.failures + excluded.failures, refusals = memory_target_days.refusals + excluded.refusals,
    last_refused_at = coalesce(greatest(memory_target_days.last_refused_at, excluded.last_refused_at), memory_target_days.last_refused_at, excluded.last_refused_at)

-- FoldSql.UpdatePattern
UPDATE memory_patterns SET count = count + @n, target = coalesce(@t, target),
    example = CASE WHEN @last >= last_seen THEN @example ELSE example END,
    first_seen = least(first_seen, @first), last_seen = greatest(last_seen, @last)
WHERE fingerprint = @f AND playbook_id = @p AND step_id = @s AND category = @c

-- LastSuccessSql.Latest
INSERT INTO memory_last_success (playbook_id, playbook_version, execution_id, inputs_json, ended_at)
SELECT o.playbook_id, o.playbook_version, o.id, o.inputs_json, o.ended_at
FROM executions o
WHERE o.playbook_id = @p AND o.id <> @e AND o.status = 'completed' AND o.dry_run = 0 AND o.ended_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = o.id)
ORDER BY o.ended_at DESC, o.id COLLATE "C" DESC LIMIT 1

-- LeaseStatements.ClaimBatch
UPDATE executions SET lease_epoch = CASE WHEN owner_id = @OwnerId THEN lease_epoch ELSE lease_epoch + 1 END,
    previous_owner_id = CASE WHEN owner_id = @OwnerId THEN previous_owner_id ELSE owner_id END,
    owner_id = @OwnerId, lease_expires_at = @LeaseUntil
WHERE id IN (
    SELECT id FROM executions
    WHERE status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND dry_run = 0
        AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
    ORDER BY created_at, id LIMIT @Limit FOR UPDATE SKIP LOCKED)
RETURNING id, lease_epoch

-- MemoryBackfill.AnyUnfolded
SELECT EXISTS (SELECT 1 FROM executions
WHERE ended_at IS NOT NULL AND ended_at >= @At AND (ended_at > @At OR id > @Id)
    AND dry_run = 0 AND status IN ('completed', 'failed', 'cancelled', 'rolled_back')
    AND NOT EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = executions.id))

-- MemoryBackfill.SelectUnfolded
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE ended_at IS NOT NULL AND ended_at >= @At AND (ended_at > @At OR id > @Id)
    AND dry_run = 0 AND status IN ('completed', 'failed', 'cancelled', 'rolled_back')
    AND NOT EXISTS (SELECT 1 FROM memory_folds f WHERE f.execution_id = executions.id) ORDER BY ended_at, id LIMIT @Limit

-- ReadStatements.FindActiveDuplicateSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE playbook_id = @playbookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND playbook_sha256 = @sha256
    AND md5(inputs_json) = md5(@inputsJson) AND inputs_json = @inputsJson AND incident_json IS NOT DISTINCT FROM @incidentJson
    AND secret_inputs_hmac IS NOT DISTINCT FROM @secretInputsHmac
ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.FindByIdempotencyKeySql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE idempotency_key = @idempotencyKey ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.FindDryRunSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE playbook_id = @playbookId AND dry_run = 1 AND status = 'completed' AND playbook_sha256 = @sha256
    AND md5(inputs_json) = md5(@inputsJson) AND inputs_json = @inputsJson AND created_at >= @Since
ORDER BY created_at DESC, id DESC LIMIT 1

-- ReadStatements.ListClaimableSql
SELECT id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac FROM executions
WHERE status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND dry_run = 0
    AND (owner_id IS NULL OR lease_expires_at IS NULL OR lease_expires_at < @Now)
ORDER BY created_at, id LIMIT @Limit

-- SqlDialect.BeginWrite
BEGIN

-- SqlDialect.FullText
memory_search.search_vector @@ websearch_to_tsquery('memory_english', memory_unaccent(@match))
-CAST(ts_rank(memory_search.search_vector, websearch_to_tsquery('memory_english', memory_unaccent(@match))) AS double precision)
replace(ts_headline('memory_english', replace(memory_search.body, '<', chr(1)), websearch_to_tsquery('memory_english', memory_unaccent(@match)), 'StartSel=[, StopSel=], MaxWords=16, MinWords=4, MaxFragments=1, FragmentDelimiter=…'), chr(1), '<')

-- SqlDialect.InsertOrReplace(approval_pages)
INSERT INTO approval_pages (owner_id, base_url, started_at) VALUES (@OwnerId, @BaseUrl, @StartedAt) ON CONFLICT (owner_id) DO UPDATE SET base_url = excluded.base_url, started_at = excluded.started_at

-- SqlDialect.LockStart
SELECT pg_advisory_xact_lock(@Lock)

-- SqlDialect.WakeOwner
SELECT pg_notify('mcpplaybooks', owner_id) FROM executions
WHERE id = @ExecutionId AND owner_id IS NOT NULL AND octet_length(owner_id) <= 1000

-- SqlDialect.WakeRequester
SELECT pg_notify('mcpplaybooks', 'handled ' || CAST(@RequestId AS bigint))

-- StartCheckStatements.IdenticalActiveSql
SELECT 1 FROM executions
WHERE playbook_id = @PlaybookId AND dry_run = 0 AND status IN ('pending', 'running', 'paused', 'waiting_approval', 'rolling_back') AND playbook_sha256 = @Sha256
    AND md5(inputs_json) = md5(@InputsJson) AND inputs_json = @InputsJson AND incident_json IS NOT DISTINCT FROM @IncidentJson
    AND secret_inputs_hmac IS NOT DISTINCT FROM @SecretInputsHmac
LIMIT 1

-- StartCheckStatements.KeyTakenSql
SELECT 1 FROM executions WHERE idempotency_key = @IdempotencyKey LIMIT 1

