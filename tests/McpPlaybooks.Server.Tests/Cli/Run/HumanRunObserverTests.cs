using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Validation;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>The human output of <c>run</c>, fed with states built by hand (as the engine would report them).</summary>
public sealed class HumanRunObserverTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly PlaybookDefinition Playbook = Load(RunPlaybooks.SetLogShell);

    [Fact]
    public void StepChanged_Transitions_OneAlignedLinePerStateWorthTelling()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);

        observer.StepChanged("ex1", Step("compose", StepStatus.Running));
        observer.StepChanged("ex1", Step("compose", StepStatus.Completed) with { StartedAt = Start, EndedAt = Start.AddMilliseconds(120) });
        observer.StepChanged("ex1", Step("say", StepStatus.Skipped));
        observer.StepChanged("ex1", Step("echo", StepStatus.Failed) with { Error = new StepError(ErrorCategory.Timeout, "took too long\nafter 30s") });

        Assert.Equal(
        [
            "running greet-and-echo 1.0.0 (execution ex1)",
            "  ok      compose  120 ms",
            "  skipped say",
            "  FAILED  echo     timeout: took too long | after 30s",
        ], TextLines.Of(output.ToString()));
    }

    [Fact]
    public void StepChanged_WaitingWithKnownGate_ShowsItsMessage()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);

        observer.ExecutionChanged(State(ExecutionStatus.WaitingApproval) with { PendingApprovals = [Gate("echo")] });
        observer.StepChanged("ex1", Step("echo", StepStatus.WaitingApproval));

        Assert.Equal("  waiting echo     (approval: Echo it?)", TextLines.Of(output.ToString())[^1]);
    }

    [Fact]
    public void LogWritten_Line_IndentedWithLevelAndStep()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);

        observer.LogWritten(new ExecutionLogRecord { ExecutionId = "ex1", StepId = "say", Level = ExecutionLogLevel.Warning, Message = "hello", At = Start });

        Assert.Equal(["running greet-and-echo 1.0.0 (execution ex1)", "      [warning] say: hello"], TextLines.Of(output.ToString()));
    }

    [Fact]
    public void Finish_Completed_SummaryWithDurationAndCounts()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var state = State(ExecutionStatus.Completed) with
        {
            StartedAt = Start,
            EndedAt = Start.AddSeconds(1.25),
            Steps = [Step("compose", StepStatus.Completed), Step("say", StepStatus.Completed), Step("echo", StepStatus.Skipped)],
        };

        observer.Finish(state, TimeSpan.FromHours(1));

        Assert.Equal(
        [
            "running greet-and-echo 1.0.0 (execution ex1)",
            "completed in 1.3 s: 3 steps (2 completed, 1 skipped)",
        ], TextLines.Of(output.ToString()));
    }

    [Fact]
    public void Finish_WaitingApprovalFirstAtAChildsGate_NamesTheChildInTheGateAndTheCommand()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var state = State(ExecutionStatus.WaitingApproval) with
        {
            Steps = [Step("compose", StepStatus.Running), Step("say", StepStatus.WaitingApproval)],
            PendingApprovals = [Gate("check") with { ExecutionId = "ex2" }, Gate("say") with { ExecutionId = "ex1" }],
        };

        observer.Finish(state, TimeSpan.FromMilliseconds(300));

        var lines = TextLines.Of(output.ToString());
        Assert.Equal("  step 'check' of child execution ex2 waits for approval: Echo it? (approvers: oncall, lead; 0 of 2 approvals)", lines[2]);
        Assert.Equal("  step 'say' waits for approval: Echo it? (approvers: oncall, lead; 0 of 2 approvals)", lines[3]);
        Assert.StartsWith("  to go on: mcp-playbooks approve ex2 check (or --reject it);", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_RunningWhileItsStepsWaitForParkedChildren_SaysHowToMoveEachChildOn()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var pausedChild = Value.From([KeyValuePair.Create("execution_id", Value.From("ex3")), KeyValuePair.Create("status", Value.From("paused"))]);
        var state = State(ExecutionStatus.Running) with
        {
            Steps = [Step("compose", StepStatus.Running), Step("say", StepStatus.Running) with { Output = pausedChild }],
            PendingApprovals = [Gate("check") with { ExecutionId = "ex2" }],
        };

        observer.Finish(state, TimeSpan.FromMilliseconds(300));

        var lines = TextLines.Of(output.ToString());
        Assert.Equal("running in 300 ms: 2 steps (2 running)", lines[1]);
        Assert.Equal("  step 'check' of child execution ex2 waits for approval: Echo it? (approvers: oncall, lead; 0 of 2 approvals)", lines[2]);
        Assert.Equal("  to go on: mcp-playbooks approve ex2 check (or --reject it); ex1 goes on once its child does", lines[3]);
        Assert.Equal("  step 'say' waits for child execution ex3, which is paused: to go on, see mcp-playbooks show ex3, then "
            + "mcp-playbooks control ex3 resume (or retry_step or skip_step --step STEP); ex1 goes on once its child does", lines[4]);
        Assert.Equal(5, lines.Count);
    }

    [Fact]
    public void Finish_WaitingApproval_SaysWhatIsPendingAndWhatToDo()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var state = State(ExecutionStatus.WaitingApproval) with
        {
            Steps = [Step("compose", StepStatus.Completed), Step("say", StepStatus.WaitingApproval)],
            PendingApprovals = [Gate("say")],
            NextActions = [new NextAction("approve_step", Value.From([new KeyValuePair<string, Value>("execution_id", Value.From("ex1"))]), "the gate waits")],
        };

        observer.Finish(state, TimeSpan.FromMilliseconds(300));

        var lines = TextLines.Of(output.ToString());
        Assert.Equal("waiting_approval in 300 ms: 2 steps (1 waiting_approval, 1 completed)", lines[1]);
        Assert.Equal("  step 'say' waits for approval: Echo it? (approvers: oncall, lead; 0 of 2 approvals)", lines[2]);
        Assert.Equal("  to go on: mcp-playbooks approve ex1 say (or --reject it); a run with --auto-approve passes the gates you may decide, with you recorded as the approver", lines[3]);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void Finish_PausedAtInterruptedStep_SaysRetryOrSkipIt()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var state = State(ExecutionStatus.Paused) with { Steps = [Step("compose", StepStatus.Completed), Step("echo", StepStatus.Interrupted)] };

        observer.Finish(state, TimeSpan.FromMilliseconds(300));

        var lines = TextLines.Of(output.ToString());
        Assert.Equal("  step 'echo' is interrupted: it was running when its process stopped, and may have done part of its work", lines[2]);
        Assert.Equal("  to go on: mcp-playbooks control ex1 retry_step --step echo (or skip_step)", lines[3]);
    }

    [Fact]
    public void Finish_DryRun_PrintsEachPlanInsteadOfStepLines()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: true);
        var plan = new StepPlan { WouldRun = true, Action = "shell", Description = ["run /bin/echo x"], Gate = Gate("echo"), Rollback = ["run /bin/true"] };
        var skipped = new StepPlan { WouldRun = false, Action = "log", Reason = "its when is false" };
        var state = State(ExecutionStatus.Completed) with
        {
            DryRun = true,
            Steps = [Step("echo", StepStatus.Completed) with { Plan = plan }, Step("say", StepStatus.Skipped) with { Plan = skipped }],
        };

        observer.StepChanged("ex1", state.Steps[0]);
        observer.Finish(state, TimeSpan.FromSeconds(75));

        Assert.Equal(
        [
            "dry run of greet-and-echo 1.0.0 (execution ex1)",
            "  would run echo     shell",
            "      gate: Echo it? (approvers: oncall, lead; 0 of 2 approvals)",
            "      run /bin/echo x",
            "      rollback: run /bin/true",
            "  would skip say      log: its when is false",
            "dry run completed in 1m 15s: 2 steps (1 completed, 1 skipped)",
        ], TextLines.Of(output.ToString()));
    }

    [Fact]
    public async Task StepChanged_FromManyTasksAtOnce_WritesWholeLines()
    {
        using var output = new StringWriter();
        var observer = new HumanRunObserver(output, Playbook, dryRun: false);
        var gate = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            for (var n = 0; n < 50; n++)
            {
                observer.StepChanged("ex1", Step("echo", StepStatus.Skipped));
                observer.LogWritten(new ExecutionLogRecord { ExecutionId = "ex1", Level = ExecutionLogLevel.Info, Message = "m", At = Start });
            }
        })).ToList();

        gate.SetResult();
        await Task.WhenAll(tasks);

        var lines = TextLines.Of(output.ToString());
        Assert.Equal(801, lines.Count);
        Assert.All(lines.Skip(1), line => Assert.True(line is "  skipped echo" or "      [info] m", line));
    }

    private static StepState Step(string id, StepStatus status) => new() { Id = id, Status = status };

    private static ExecutionState State(ExecutionStatus status) =>
        new() { ExecutionId = "ex1", PlaybookId = "greet-and-echo", PlaybookVersion = "1.0.0", Status = status };

    private static PendingApproval Gate(string stepId) =>
        new() { StepId = stepId, Message = "Echo it?", Approvers = ["oncall", "lead"], MinApprovals = 2 };

    private static PlaybookDefinition Load(string text) => new PlaybookValidator().ValidateText(text, "p.yaml").Playbook!;
}
