using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// One execution from start to end: records it, runs its DAG, handles failure (rollback, stop, continue),
/// runs <c>finally</c>, and returns its state. Split by aspect: scheduling, steps, attempts, calls, outcome,
/// dry run (what a step would do is <see cref="Planning.StepPlanner"/>'s).
/// </summary>
internal sealed partial class ExecutionRun
{
    private readonly ExecutionRequest _request;
    private readonly PlaybookDefinition _playbook;
    private readonly EngineServices _services;
    private readonly HistoryRecorder _history;
    private readonly IExecutionObserver? _observer;
    private readonly ExecutionScope _scope;
    private readonly Planning.StepPlanner _planner;
    private readonly List<StepRuntime> _steps;
    private readonly Dictionary<string, StepRuntime> _byId;
    private readonly Lock _lock = new();
    private readonly CancelAcceptance _acceptance;
    private ExecutionRecord _record;
    private ExecutionStatus _visibleStatus = ExecutionStatus.Running;
    private StepError? _error;
    private Value _outputs = Value.From(Array.Empty<KeyValuePair<string, Value>>());
    private long _completions;

    /// <summary>Why the variables of a real run did not evaluate at its start: its first drive ends it failed, with finally.</summary>
    private StepError? _unbound;

    public ExecutionRun(ExecutionRequest request, EngineServices services, HistoryRecorderFactory recorders, IExecutionObserver? observer, string? id = null)
    {
        _request = request;
        _acceptance = new CancelAcceptance(_lock);
        _playbook = request.Playbook;
        _services = services;
        _observer = observer;
        Id = id ?? ExecutionIds.New(services.Time);
        _history = recorders(Id);
        _steps = _playbook.Steps.Select((step, i) => new StepRuntime(step, i)).ToList();
        _byId = _steps.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _scope = new ExecutionScope(BuildStepsRoot, BuildExecutionRoot);
        _planner = new Planning.StepPlanner(this, services, _history.Masker, _scope);
        var now = Now;
        _record = new ExecutionRecord
        {
            Id = Id,
            PlaybookId = _playbook.Id,
            PlaybookVersion = _playbook.Version,
            PlaybookSha256 = PlaybookHash.Of(request.Content),
            Status = ExecutionStatus.Running,
            DryRun = request.DryRun,
            InputsJson = _history.Json(Value.From(SecretDefaults.ToStore(request.Playbook, request.Inputs))) ?? "{}",
            SecretInputsHmac = SecretInputsDigest.Of(_history.SecretInputsKey, request.Playbook, request.Inputs),
            IncidentJson = _history.Json(request.Incident),
            StartedBy = request.StartedBy,
            IdempotencyKey = request.IdempotencyKey,
            ParentExecutionId = request.ParentExecutionId,
            ReplayOf = request.ReplayOf,
            Depth = request.Depth,
            CreatedAt = now,
            StartedAt = now,
            UpdatedAt = now,
            RunningSince = now,
            OwnerId = services.OwnerId,
            LeaseExpiresAt = now + services.Options.LeaseDuration,
        };
    }

    /// <summary>Makes the recorder of an execution, given its id.</summary>
    public delegate HistoryRecorder HistoryRecorderFactory(string executionId);

    public string Id { get; }

    /// <summary>The lease epoch this run's writes are fenced at: a later claim of the same execution makes a run of its own.</summary>
    internal RunFence Fence => _history.Fence;

    /// <summary>This execution's masker: the engine's secrets, its secret inputs, and what its expressions derived from them.</summary>
    internal Secrets.SecretMasker Masker => _history.Masker;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private TimeProvider Time => _services.Time;

    public ExecutionRequest Request => _request;

    /// <summary>The execution's row as it is stored: masked, with the pinned playbook's hash.</summary>
    public ExecutionRecord Record => _record;

    /// <summary>
    /// Records the start (only while <paramref name="claim"/>, what the host's checks found, holds: else it throws
    /// <see cref="History.Starts.StartOvertakenException"/> having recorded nothing), binds the roots. False when the run ended already (a dry run whose variables do not evaluate); a dry
    /// run that goes on is planned and ended by <see cref="PlanDryRunAsync"/>, outside the host's start lock (the dry runs of
    /// its child playbooks start there). A real run whose variables do not evaluate is ended by its first drive,
    /// which runs its <c>finally</c>: not here, where the host holds its start lock (a <c>finally</c> that starts a child
    /// playbook would wait for that lock forever, and a long one would hold every other start).
    /// </summary>
    public async Task<bool> BeginAsync(History.Starts.StartClaim claim)
    {
        await RecordStartAsync(claim).ConfigureAwait(false);
        WarnOfShortSecretInputs();
        if (!TryBindRoots(out var problem))
        {
            if (_request.DryRun)
            {
                // A dry run touches nothing: its finally is not run.
                await EndAsync(ExecutionStatus.Failed, problem, runFinally: false).ConfigureAwait(false);
                return false;
            }

            _unbound = problem;
            return true;
        }

        return true;
    }

    private async Task RecordStartAsync(History.Starts.StartClaim claim)
    {
        var now = Now;
        var writes = new List<HistoryWrite>
        {
            new HistoryWrite.SavePlaybookVersion(new PlaybookVersionRecord
            {
                PlaybookId = _playbook.Id,
                Version = _playbook.Version,
                Sha256 = _record.PlaybookSha256,
                Content = _request.Content,
                Source = _request.Source,
                CreatedAt = now,
            }),
            new HistoryWrite.SaveExecution(_record),
        };
        writes.AddRange(_steps.Select(step => new HistoryWrite.SaveStepState(new StepStateRecord
        {
            ExecutionId = Id,
            StepId = step.Id,
            Position = step.Position,
            Status = StepStatus.Pending,
        })));
        writes.Add(Audit(_request.StartedBy, _request.DryRun ? "dry_run_started" : "execution_started", "execution", Id, _record.InputsJson));
        await _history.WriteStartAsync(writes, claim).ConfigureAwait(false);
        _observer?.ExecutionChanged(BuildState());
    }

    /// <summary>Once, at the start: a secret input too short to mask without garbling other text (<see cref="ShortSecretInputs"/>).</summary>
    private void WarnOfShortSecretInputs()
    {
        foreach (var input in ShortSecretInputs.Of(_playbook, _request.Inputs))
        {
            _history.Log(null, ExecutionLogLevel.Warning, ShortSecretInputs.Warning(input));
            ShortSecretInputs.Logged(_services.Logger, Id, _playbook.Id, input, ShortSecretInputs.MinLength);
        }
    }

    /// <summary>Sets the expression roots; <c>vars</c> are evaluated in order, each seeing those above it.</summary>
    private bool TryBindRoots(out StepError? problem)
    {
        problem = null;
        _scope.Set("inputs", SecretRoots.Inputs(_playbook, _request.Inputs, _history.Derived));
        _scope.Set("incident", _request.Incident);
        _scope.Set("secrets", _services.Secrets.Root.AsSecret(_history.Derived));
        _scope.Set("playbook", Value.From(
        [
            KeyValuePair.Create("id", Value.From(_playbook.Id)),
            KeyValuePair.Create("name", Value.From(_playbook.Name)),
            KeyValuePair.Create("version", Value.From(_playbook.Version)),
        ]));
        var vars = new List<KeyValuePair<string, Value>>();
        _scope.Set("vars", Value.Root(vars));
        foreach (var (name, template) in _playbook.Variables)
        {
            try
            {
                vars.Add(KeyValuePair.Create(name, template.Render(_scope)));
            }
            catch (ExpressionEvaluationException e)
            {
                problem = new StepError(ErrorCategory.Validation, _history.Mask($"variable '{name}' (line {template.Node.Location.Line}) cannot be evaluated: {e.Message}"));
                return false;
            }

            _scope.Set("vars", Value.Root(vars));
        }

        return true;
    }

    private Value BuildStepsRoot()
    {
        lock (_lock)
        {
            return Value.Root(_steps.Select(s => KeyValuePair.Create(s.Id, ExecutionScope.StepEntry(s))));
        }
    }

    private Value BuildExecutionRoot() => Value.From(
    [
        KeyValuePair.Create("id", Value.From(Id)),
        KeyValuePair.Create("status", Value.From(EnumNames.ToName(_visibleStatus))),
        KeyValuePair.Create("dry_run", Value.From(_request.DryRun)),
        KeyValuePair.Create("started_by", Value.From(_request.StartedBy)),
        KeyValuePair.Create("error", _error is null ? Value.Null : Value.From(_error.Message)),
    ]);

    /// <summary>An audit entry; its detail masked (a person's comment may quote a secret), as every text the history keeps.</summary>
    private HistoryWrite Audit(string actor, string action, string subjectType, string subjectId, string? detailJson = null) =>
        new HistoryWrite.AppendAudit(new AuditRecord
        {
            At = Now,
            Actor = actor,
            Action = action,
            SubjectType = subjectType,
            SubjectId = subjectId,
            DetailJson = detailJson is null ? null : _history.Mask(detailJson),
        });

    /// <summary>Changes a step under the lock and refreshes the live roots.</summary>
    private void Mutate(Action change)
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            change();
            changed = TakeChanged();
        }

        _scope.Invalidate();
        changed?.TrySetResult();
    }

    /// <summary>Completes at the next change of a step or of the execution's status; null until someone waits for one.</summary>
    private TaskCompletionSource? _changed;

    /// <summary>The change signal to complete (under the lock), taken so that the next wait gets a new one.</summary>
    private TaskCompletionSource? TakeChanged()
    {
        var changed = _changed;
        _changed = null;
        return changed;
    }
}
