using System.Collections;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A secret rewritten on its way to a message, before the masker saw it, was no longer recognised: cut to 40 characters
/// in a comparison's error, its quote escaped by the command's display, its digits turned to '#' in a breaker's target.
/// Each is masked first now; none reaches the state, the history or its files.
/// </summary>
public sealed class SecretFormsTests
{
    [Fact]
    public async Task RunAsync_ComparisonWithALongSecret_ItsErrorQuotesNoPartOfIt()
    {
        const string Token = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_TOKEN"] = Token });

        var state = await harness.RunAsync("""
            id: compares-a-secret
            name: Compares a secret
            version: 1.0.0
            steps:
              - id: check
                action: log
                when: secrets.TOKEN > 5
                with: { message: checked }
            """);

        var error = Assert.Single(state.Steps).Error!.Message;
        Assert.Contains("'***' is not a number", error, StringComparison.Ordinal);
        await AssertNowhereAsync(harness, state, Token[..40]);
    }

    [Fact]
    public async Task RunAsync_SecretWithAQuoteInACommand_MaskedInThePlanAndInTheError()
    {
        const string Password = "it's-a-secret-42";
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_PW"] = Password });
        const string Yaml = """
            id: quoted-secret
            name: Quoted secret
            version: 1.0.0
            steps:
              - id: login
                action: shell
                with: { command: [/bin/false, "{{ secrets.PW }}"] }
            """;

        var plan = await harness.RunAsync(Yaml, dryRun: true);
        var real = await harness.RunAsync(Yaml);

        Assert.Equal("would run /bin/false ***", Assert.Single(Assert.Single(plan.Steps).Plan!.Description));
        Assert.Contains("/bin/false ***", Assert.Single(real.Steps).Error!.Message, StringComparison.Ordinal);
        await AssertNowhereAsync(harness, real, "s-a-secret-42");
    }

    [Fact]
    public async Task RunAsync_SecretWithDigitsInACommand_ItsBreakerTargetHoldsNoPartOfIt()
    {
        const string Password = "correct7horse9battery";
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_PW"] = Password });

        var state = await harness.RunAsync("""
            id: target-secret
            name: Target secret
            version: 1.0.0
            steps:
              - id: say
                action: shell
                with: { command: [/bin/echo, "admin:{{ secrets.PW }}"] }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("exec:/bin/echo admin:***", Assert.Single(await harness.AttemptsAsync(state.ExecutionId)).Target);
        await AssertNowhereAsync(harness, state, "horse#battery", "horse");
    }

    [Fact]
    public async Task RunAsync_SecretInAUrlPath_MaskedInThePlanAndInTheError()
    {
        // Uri escaped the path its own way ("a+b c" became "a+b%20c"): neither the secret nor a form the masker knows.
        const string Token = "a+b c-tok3n";
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_PATH_TOKEN"] = Token });
        const string Yaml = """
            id: path-secret
            name: Path secret
            version: 1.0.0
            steps:
              - id: call
                action: http
                retry: { max_attempts: 1 }
                with: { url: "http://127.0.0.1:9/hooks/{{ secrets.PATH_TOKEN }}" }
            """;

        var plan = await harness.RunAsync(Yaml, dryRun: true);
        var real = await harness.RunAsync(Yaml);

        Assert.StartsWith("would send GET http://127.0.0.1:9/hooks/***", Assert.Single(Assert.Single(plan.Steps).Plan!.Description), StringComparison.Ordinal);
        Assert.Contains("GET http://127.0.0.1:9/hooks/***", Assert.Single(real.Steps).Error!.Message, StringComparison.Ordinal);
        await AssertNowhereAsync(harness, real, "c-tok3n", "c%20tok3n");
    }

    [Fact]
    public async Task RunAsync_SecretInputsThatAreNotStrings_AreStoredAndShownAsMasks()
    {
        // A number or an object was stored (inputs, audit, memory) and proposed in next_actions as given.
        await using var harness = await StartAsync();
        const string Yaml = """
            id: typed-secrets
            name: Typed secrets
            version: 1.0.0
            inputs:
              creds: { type: object, secret: true }
              pin: { type: number, secret: true }
            steps:
              - id: use
                action: log
                with: { message: "user {{ inputs.creds.user }}" }
            """;
        var inputs = Inputs(("creds", Value.FromJsonText("""{"user":"admin","password":"Sup3rS3cretPass"}""")), ("pin", Value.From(987654321)));

        var plan = await harness.RunAsync(Yaml, inputs, dryRun: true);
        var real = await harness.RunAsync(Yaml, inputs);

        Assert.Equal(ExecutionStatus.Completed, real.Status);
        var proposed = plan.NextActions.Single(a => a.Tool == "execute_playbook").Arguments.AsObject()["inputs"].AsObject();
        Assert.Equal(("***", "***"), (proposed["creds"].AsString(), proposed["pin"].AsString()));
        Assert.DoesNotContain("Sup3rS3cretPass", ExecutionStateJson.ToJson(plan), StringComparison.Ordinal);
        Assert.DoesNotContain("987654321", ExecutionStateJson.ToJson(plan), StringComparison.Ordinal);
        await AssertNowhereAsync(harness, real, "Sup3rS3cretPass", "987654321");
    }

    /// <summary>None of <paramref name="texts"/> in the state, the logs, nor any stored byte of the history.</summary>
    [Fact]
    public async Task DecideAndControl_ACommentQuotingASecret_IsMaskedInTheAuditToo()
    {
        const string Secret = "S3cr3t<b>Val</b>&x9";
        const string Gated = """
            id: audited
            name: Audited
            version: 1.0.0
            steps:
              - id: gate
                approval: { approvers: [alice] }
                action: log
                with: { message: "passed" }
            """;
        await using var harness = await StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_AUDITKEY"] = Secret });
        var approved = await harness.RunAsync(Gated);
        // Another playbook: the same one again is an identical run, which returns the first execution (approved above).
        var cancelled = await harness.RunAsync(Gated.Replace("id: audited", "id: audited-cancel", StringComparison.Ordinal));
        Assert.NotEqual(approved.ExecutionId, cancelled.ExecutionId);

        await harness.Engine.DecideAsync(Control.ApprovalDecisionTests.Decision(approved.ExecutionId, "gate", true, "cli:alice", $"secret {Secret} in comment"), default);
        await harness.Engine.ControlAsync(new Engine.Execution.Control.ControlRequest { ExecutionId = cancelled.ExecutionId, Action = Engine.Execution.Control.ControlAction.Cancel, RequestedBy = "cli:alice", Comment = $"cancel because {Secret} leaked" }, default);
        await Control.Flow.SettleAsync(harness.Engine, approved.ExecutionId);
        var done = await Control.Flow.SettleAsync(harness.Engine, cancelled.ExecutionId);

        var audit = await harness.Engine.History.GetAuditAsync($"{approved.ExecutionId}/gate", default);
        Assert.Contains(audit, a => a.Action == "step_approved" && a.DetailJson!.Contains("secret *** in comment", StringComparison.Ordinal));
        Assert.Equal(ExecutionStatus.Cancelled, done.Status);
        await AssertNowhereAsync(harness, done, Secret, "S3cr3t\\u003Cb\\u003EVal", "S3cr3t\\u003cb\\u003eVal");
    }

    internal static async Task AssertNowhereAsync(EngineHarness harness, ExecutionState state, params string[] texts)
    {
        var json = ExecutionStateJson.ToJson(state);
        var logs = string.Join("\n", (await harness.LogsAsync(state.ExecutionId)).Select(l => l.Message));
        foreach (var text in texts)
        {
            Assert.DoesNotContain(text, json, StringComparison.Ordinal);
            Assert.DoesNotContain(text, logs, StringComparison.Ordinal);
        }

        await harness.Engine.Memory.Backfilled;
        await harness.Engine.History.DisposeAsync();
        await StoredContent.AssertNoneOfAsync(harness.Engine.Options.DataDirectory, harness.Location, texts);
    }
}
