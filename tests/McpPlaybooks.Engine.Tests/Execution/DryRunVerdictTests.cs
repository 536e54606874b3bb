using System.Collections;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>A dry run says what a real run would fail on: a secret not set, a missing child playbook, in steps and in finally.</summary>
public sealed class DryRunVerdictTests
{
    private const string UsesSecrets = """
        id: uses-secrets
        name: Uses secrets
        version: 1.0.0
        steps:
          - id: call
            action: log
            with: { message: "token {{ secrets.API_TOKEN }} and {{ secrets.SET_ONE }}" }
          - id: child
            needs: [call]
            action: playbook
            with: { id: no-such-child }
        finally:
          - id: page
            action: log
            with: { message: "paging with {{ secrets.PAGER_KEY }}" }
        """;

    [Fact]
    public async Task RunAsync_DryRunWithAnUnsetSecretAndAMissingChild_FailsNamingEachAndShowsFinally()
    {
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_SET_ONE"] = "s3cr3t-value" });
        var state = await harness.RunAsync(UsesSecrets, dryRun: true);
        var json = JsonDocument.Parse(ExecutionStateJson.ToJson(state)).RootElement;

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.NotNull(state.Error);
        Assert.Contains("secrets.API_TOKEN is not set: PLAYBOOK_SECRET_API_TOKEN or the secrets file", state.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SET_ONE", state.Error.Message, StringComparison.Ordinal);
        var wouldFail = json.GetProperty("would_fail").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains("step 'call': secrets.API_TOKEN is not set: PLAYBOOK_SECRET_API_TOKEN or the secrets file", wouldFail);
        Assert.Contains(wouldFail, w => w.StartsWith("step 'child': playbook: no valid playbook with id 'no-such-child'", StringComparison.Ordinal));
        Assert.Contains("finally 'page': secrets.PAGER_KEY is not set: PLAYBOOK_SECRET_PAGER_KEY or the secrets file", wouldFail);
        var page = Assert.Single(json.GetProperty("finally").EnumerateArray());
        Assert.Equal("page", page.GetProperty("id").GetString());
        Assert.True(page.GetProperty("plan").GetProperty("would_run").GetBoolean());
        Assert.All(await harness.AttemptsAsync(state.ExecutionId), a => Assert.Equal("page:finally:not_run", $"{a.StepId}:{EnumNames.ToName(a.Kind)}:{EnumNames.ToName(a.Status)}"));
        Assert.DoesNotContain("s3cr3t-value", ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DryRunWithEverythingSet_CompletesAndShowsTheFinallyPlan()
    {
        await using var harness = await StartAsync(environment: new Hashtable
        {
            ["PLAYBOOK_SECRET_SET_ONE"] = "one",
            ["PLAYBOOK_SECRET_API_TOKEN"] = "two",
            ["PLAYBOOK_SECRET_PAGER_KEY"] = "three",
        });
        var state = await harness.RunAsync(UsesSecrets.Replace("action: playbook\n    with: { id: no-such-child }", "action: log\n    with: { message: child }", StringComparison.Ordinal), dryRun: true);
        var json = JsonDocument.Parse(ExecutionStateJson.ToJson(state)).RootElement;

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Null(state.Error);
        Assert.Empty(json.GetProperty("would_fail").EnumerateArray());
        var page = Assert.Single(json.GetProperty("finally").EnumerateArray());
        Assert.Equal("not_run", page.GetProperty("status").GetString());
        Assert.Equal("would log at info: paging with ***", page.GetProperty("plan").GetProperty("description")[0].GetString());
    }

    [Fact]
    public async Task RunAsync_DryRunWhoseOnlyFindingIsInFinally_CompletesSayingIt_AndDryRunFirstLetsTheRealRunStart()
    {
        // A failed finally call never changes a real run's status: the bundled playbooks' finally notify needs a webhook
        // secret, and when a dry run failed for it, dry_run_first refused every real run.
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_SET_ONE"] = "one", ["PLAYBOOK_SECRET_API_TOKEN"] = "two" });
        var yaml = UsesSecrets
            .Replace("version: 1.0.0\n", "version: 1.0.0\nsafety: { dry_run_first: true }\n", StringComparison.Ordinal)
            .Replace("action: playbook\n    with: { id: no-such-child }", "action: log\n    with: { message: child }", StringComparison.Ordinal);

        var dry = await harness.RunAsync(yaml, dryRun: true);
        var real = await harness.RunAsync(yaml);

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        Assert.Null(dry.Error);
        Assert.Equal(["finally 'page': secrets.PAGER_KEY is not set: PLAYBOOK_SECRET_PAGER_KEY or the secrets file"], dry.WouldFail);
        Assert.Equal(ExecutionStatus.Completed, real.Status);
        Assert.Equal(StepStatus.Failed, Assert.Single(real.Finally).Status);
    }

    [Fact]
    public async Task RunAsync_DryRunOfALoopOverAnUpstreamOutput_CompletesNotingTheItemsAreKnownWhenItRuns()
    {
        // It failed ("its foreach must give a list, but gave null"), and with dry_run_first no real run could ever start.
        await using var harness = await StartAsync();
        var yaml = """
            id: loop-over-upstream
            name: Loop over upstream
            version: 1.0.0
            safety: { dry_run_first: true }
            steps:
              - id: list
                action: shell
                with: { command: [echo, '["a","b"]'] }
              - id: each
                needs: [list]
                foreach: fromJson(steps.list.output.stdout)
                action: log
                with: { message: "item {{ item }}" }
            """;

        var dry = await harness.RunAsync(yaml, dryRun: true);
        var real = await harness.RunAsync(yaml);

        Assert.Equal(ExecutionStatus.Completed, dry.Status);
        var each = dry.Steps.Single(s => s.Id == "each").Plan!;
        Assert.Empty(each.WouldFail);
        Assert.Null(each.Iterations);
        Assert.Contains("its foreach reads what the steps above produce, which a dry run does not have: how many iterations it makes is known when it runs", each.Notes);
        Assert.Equal(ExecutionStatus.Completed, real.Status);
    }

    [Fact]
    public async Task RunAsync_DryRunOfStepsTheirActionWouldRefuse_FailsNamingEach()
    {
        // It said "would succeed" (the refusal only in the description's text), and passed dry_run_first.
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: would-be-refused
            name: Would be refused
            version: 1.0.0
            inputs:
              flag: { type: string, default: "--version" }
            steps:
              - id: missing
                action: shell
                with: { command: [no-such-program-4711] }
              - id: dash
                action: shell
                with: { command: [echo, "{{ inputs.flag }}"] }
              - id: fine
                action: shell
                with: { command: [echo, "{{ inputs.flag }}"], allow_dash_args: true }
            """, dryRun: true);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(2, state.WouldFail.Count);
        Assert.StartsWith("step 'missing': the executable 'no-such-program-4711' was not found on PATH", state.WouldFail[0], StringComparison.Ordinal);
        Assert.StartsWith("step 'dash': argument 1 of the command is '--version', which starts with '-'", state.WouldFail[1], StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Configuration, state.Error!.Category);
    }

    [Fact]
    public async Task RunAsync_DryRunOfAnExpressionThatCannotBeEvaluated_FailsWithIt()
    {
        await using var harness = await StartAsync();
        var state = await harness.RunAsync("""
            id: bad-expression
            name: Bad expression
            version: 1.0.0
            inputs:
              text: { type: string, default: "not json" }
            steps:
              - id: divide
                action: log
                with: { message: "{{ fromJson(inputs.text) }}" }
            """, dryRun: true);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Contains("step 'divide': its with cannot be rendered", state.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.Validation, state.Error.Category);
    }
}
