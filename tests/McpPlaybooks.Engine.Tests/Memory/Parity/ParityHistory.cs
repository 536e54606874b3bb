using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Tests.Memory.Parity;

/// <summary>
/// A month of varied histories, as the batches of writes the engine would make (start, attempts, final status), with
/// every time fixed: successes, failures with fingerprinted errors, retries that help and retries that do not, breaker
/// refusals, loops, skipped and blocked steps, slow steps, rollbacks, cancelled runs, dry runs, an execution that fails
/// and then finishes again after a retry, five playbooks (one in two versions), ends on both sides of midnight and of a
/// month's end. The same list is written to each store, so every difference in the answers is the store's.
/// </summary>
internal static class ParityHistory
{
    /// <summary>The first execution's start: the last evening of October (UTC), so the month's runs cross into November.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 10, 31, 21, 40, 0, TimeSpan.Zero);

    public const int Executions = 120;

    public const string Sha = "5e1f0c2b5e1f0c2b5e1f0c2b5e1f0c2b5e1f0c2b5e1f0c2b5e1f0c2b5e1f0c2b";

    /// <summary>The playbooks' ids: "deploy-web" and "deployer" sort differently by code point and by a natural-language collation.</summary>
    public static readonly string[] Playbooks = ["deploy-web", "deployer", "db-backup", "login-check", "Zeta-sync"];

    /// <summary>The definitions the recommendations compare the history with (timeouts, retry_on).</summary>
    public static PlaybookDefinition? Definition(string playbookId) => playbookId switch
    {
        "db-backup" => Tests.Execution.EngineHarness.Load("""
            id: db-backup
            name: DB backup
            version: 1.0.0
            steps:
              - id: dump
                action: log
                with: { message: dump }
                timeout: 2s
              - id: upload
                action: log
                with: { message: upload }
                retry: { max_attempts: 3, retry_on: [temporary, authentication] }
            """),
        "login-check" => Tests.Execution.EngineHarness.Load("""
            id: login-check
            name: Login check
            version: 1.0.0
            steps:
              - id: login
                action: log
                with: { message: login }
                retry: { max_attempts: 2, retry_on: [authentication] }
            """),
        _ => null,
    };

    /// <summary>The batches, in the order they are written (one list per store: records are immutable, so sharing is safe).</summary>
    public static IReadOnlyList<IReadOnlyList<HistoryWrite>> Batches() => Build().Batches;

    private static Builder Build()
    {
        var builder = new Builder();
        for (var i = 0; i < Executions; i++)
        {
            builder.Execution(i);
        }

        builder.RefinishLater("exec-015");
        return builder;
    }

    private sealed class Builder
    {
        private readonly HashSet<(string, string)> _versions = [];
        private readonly Dictionary<string, (ExecutionRecord Execution, DateTimeOffset End)> _failed = new(StringComparer.Ordinal);

        public List<IReadOnlyList<HistoryWrite>> Batches { get; } = [];

        public void Execution(int i)
        {
            var playbook = Playbooks[i % Playbooks.Length];
            var version = playbook == "deploy-web" && i >= Executions / 2 ? "1.1.0" : "1.0.0";
            // Every 6 h 2 min: the ends fall at every hour of the day over the month, some just after midnight.
            var start = T0.AddMinutes(i * 362);
            var id = $"exec-{i:000}";
            var execution = new ExecutionRecord
            {
                Id = id,
                PlaybookId = playbook,
                PlaybookVersion = version,
                PlaybookSha256 = Sha,
                Status = ExecutionStatus.Running,
                DryRun = i % 23 == 22,
                InputsJson = $$"""{"run":{{i}},"host":"web-{{i % 3}}"}""",
                IncidentJson = (i % 3) switch { 0 => """{"type":"outage"}""", 1 => """{"type":"deploy","severity":"low"}""", _ => null },
                StartedBy = "test:parity",
                CreatedAt = start,
                StartedAt = start,
                UpdatedAt = start,
            };
            var first = new List<HistoryWrite>();
            if (_versions.Add((playbook, version)))
            {
                first.Add(new HistoryWrite.SavePlaybookVersion(new PlaybookVersionRecord
                {
                    PlaybookId = playbook, Version = version, Sha256 = Sha, Content = $"id: {playbook}\n", CreatedAt = T0,
                }));
            }

            first.Add(new HistoryWrite.SaveExecution(execution));
            Batches.Add(first);

            var run = new RunBuilder(id, start);
            var status = playbook switch
            {
                "deploy-web" => DeployWeb(run, i),
                "deployer" => Deployer(run, i),
                "db-backup" => DbBackup(run, i),
                "login-check" => LoginCheck(run, i),
                _ => ZetaSync(run, i),
            };
            Batches.Add(run.Writes);
            var end = run.Now.AddMilliseconds(3);
            var final = execution with
            {
                Status = status,
                EndedAt = end,
                UpdatedAt = end,
                ErrorCategory = status == ExecutionStatus.Failed ? ErrorCategory.Temporary : null,
                ErrorMessage = status == ExecutionStatus.Failed ? "a step failed" : null,
            };
            Batches.Add([.. run.States, new HistoryWrite.SaveExecution(final)]);
            if (status == ExecutionStatus.Failed)
            {
                _failed[id] = (final, end);
            }
        }

        /// <summary>A failed execution retried at the end of the month: a new attempt that completes, and the execution completes.</summary>
        public void RefinishLater(string id)
        {
            var (execution, _) = _failed[id];
            var at = T0.AddDays(31).AddHours(2);
            var run = new RunBuilder(id, at);
            run.Attempt("push", 9, StepStatus.Completed, 420, target: "https://registry.example.com/v2");
            run.State("push", 1, StepStatus.Completed, attempts: 9);
            Batches.Add(run.Writes);
            var end = run.Now.AddMilliseconds(1);
            Batches.Add([.. run.States, new HistoryWrite.SaveExecution(execution with
            {
                Status = ExecutionStatus.Completed, EndedAt = end, UpdatedAt = end, ErrorCategory = null, ErrorMessage = null,
            })]);
        }

        private static ExecutionStatus DeployWeb(RunBuilder run, int i)
        {
            run.Attempt("build", 1, StepStatus.Completed, 1_200 + (i * 37 % 900), target: "make");
            run.State("build", 0, StepStatus.Completed, attempts: 1);
            var refused = i % 4 == 3;
            var attempts = refused ? 8 : 1 + (i % 3);
            for (var k = 1; k <= attempts; k++)
            {
                var last = k == attempts;
                if (last && !refused)
                {
                    run.Attempt("push", k, StepStatus.Completed, 300 + i, target: "https://registry.example.com/v2");
                }
                else
                {
                    run.Attempt("push", k, StepStatus.Failed, 40 + k, target: "https://registry.example.com/v2", category: ErrorCategory.Temporary,
                        message: $"connection refused by db-{i % 4}.internal:5432 after {k} retries (request {Guid.Empty:N}{i:x4})");
                }
            }

            run.State("push", 1, refused ? StepStatus.Failed : StepStatus.Completed, attempts: attempts);
            run.State("verify", 2, StepStatus.Skipped, attempts: 0, blocked: refused);
            if (refused)
            {
                run.Attempt("build", 1, StepStatus.Completed, 15, target: "make", kind: AttemptKind.Rollback);
                return i % 8 == 3 ? ExecutionStatus.RolledBack : ExecutionStatus.Failed;
            }

            return ExecutionStatus.Completed;
        }

        private static ExecutionStatus Deployer(RunBuilder run, int i)
        {
            var hosts = i % 4;
            for (var item = 0; item < hosts; item++)
            {
                var fails = (i + item) % 5 == 0;
                if (fails)
                {
                    run.Attempt("apply", 1, StepStatus.Failed, 12.5, target: "systemctl", iteration: item, category: ErrorCategory.Timeout,
                        message: $"Timed out after 30s waiting for /var/run/app-{item}.sock on host web-{item}");
                    run.Attempt("apply", 2, StepStatus.Completed, 0.4, target: "systemctl", iteration: item);
                }
                else
                {
                    run.Attempt("apply", 1, StepStatus.Completed, 0.25 + item, target: "systemctl", iteration: item);
                }
            }

            run.State("prepare", 0, StepStatus.Skipped, attempts: 0);
            run.State("apply", 1, StepStatus.Completed, attempts: hosts == 0 ? 0 : 1);
            return i % 7 == 6 ? ExecutionStatus.Cancelled : ExecutionStatus.Completed;
        }

        private static ExecutionStatus DbBackup(RunBuilder run, int i)
        {
            var slow = i % 3 == 0;
            run.Attempt("dump", 1, slow ? StepStatus.Failed : StepStatus.Completed, slow ? 2_000 : 45_000 + (i * 911 % 30_000), target: "pg_dump",
                category: slow ? ErrorCategory.Timeout : null, message: !slow ? null : i % 6 == 0 ? "shell timed out after 2s" : "The dump timed out: the server is refusing connections");
            if (slow)
            {
                run.Attempt("dump", 2, StepStatus.Completed, 61_000, target: "pg_dump");
            }

            run.State("dump", 0, StepStatus.Completed, attempts: slow ? 2 : 1);
            var denied = i % 4 == 2;
            run.Attempt("upload", 1, StepStatus.Failed, 80, target: "https://s3.example.com", category: denied ? ErrorCategory.Authentication : ErrorCategory.Temporary,
                message: denied ? $"Permission denied: cannot open /etc/backup/{i}.conf" : "Service unavailable, HTTP 503 from s3.example.com:443");
            run.Attempt("upload", 2, denied ? StepStatus.Failed : StepStatus.Completed, 95, target: "https://s3.example.com",
                category: denied ? ErrorCategory.Authentication : null, message: denied ? $"Permission denied: cannot open /etc/backup/{i}.conf" : null);
            run.State("upload", 1, denied ? StepStatus.Failed : StepStatus.Completed, attempts: 2);
            return denied ? ExecutionStatus.Failed : ExecutionStatus.Completed;
        }

        private static ExecutionStatus LoginCheck(RunBuilder run, int i)
        {
            for (var k = 1; k <= 2; k++)
            {
                run.Attempt("login", k, StepStatus.Failed, 7, target: "ldap.example.com", category: ErrorCategory.Authentication,
                    message: $"login refused for user 'alice-{i}' at 2026-11-0{1 + (i % 9)}T10:00:00Z");
            }

            run.State("login", 0, StepStatus.Failed, attempts: 2);
            return ExecutionStatus.Failed;
        }

        private static ExecutionStatus ZetaSync(RunBuilder run, int i)
        {
            var breaker = i % 6 == 4;
            run.Attempt("sync", 1, StepStatus.Failed, 3, target: "café-api", category: ErrorCategory.Temporary,
                message: breaker ? "circuit breaker for 'café-api' is open: not called" : "Le café est fermé: réessayez plus tard", refused: breaker);
            run.Attempt("sync", 2, i % 10 == 9 ? StepStatus.Cancelled : StepStatus.Completed, 1_000_000 + i, target: "café-api");
            run.State("sync", 0, i % 10 == 9 ? StepStatus.Cancelled : StepStatus.Completed, attempts: 2);
            return i % 10 == 9 ? ExecutionStatus.Cancelled : ExecutionStatus.Completed;
        }
    }

    /// <summary>One execution's attempts and final step states, each attempt starting when the one before ended.</summary>
    private sealed class RunBuilder(string executionId, DateTimeOffset start)
    {
        public DateTimeOffset Now { get; private set; } = start.AddMilliseconds(5);

        public List<HistoryWrite> Writes { get; } = [];

        public List<HistoryWrite> States { get; } = [];

        public void Attempt(
            string step, int attempt, StepStatus status, double ms, string? target = null, int? iteration = null, ErrorCategory? category = null,
            string? message = null, AttemptKind kind = AttemptKind.Step, bool refused = false)
        {
            var end = Now.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));
            Writes.Add(new HistoryWrite.SaveAttempt(new StepAttemptRecord
            {
                ExecutionId = executionId,
                StepId = step,
                Kind = kind,
                Iteration = iteration,
                Attempt = attempt,
                Action = "shell",
                Target = target,
                Status = status,
                ErrorCategory = category,
                ErrorMessage = message,
                RefusedByBreaker = refused,
                StartedAt = Now,
                EndedAt = end,
            }));
            Now = end.AddMilliseconds(1);
        }

        public void State(string step, int position, StepStatus status, int attempts, bool blocked = false) =>
            States.Add(new HistoryWrite.SaveStepState(new StepStateRecord
            {
                ExecutionId = executionId,
                StepId = step,
                Position = position,
                Status = status,
                Attempts = attempts,
                Blocked = blocked,
                StartedAt = attempts > 0 ? Now : null,
                EndedAt = attempts > 0 ? Now : null,
            }));
    }
}
