using System.Collections;
using System.Text;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>Secrets, and what the expression engine derives from them (taint), never leave the engine.</summary>
public sealed class SecretMaskingTests
{
    private const string Secret = "s3cr3t-T0ken-value-42";
    private const string Password = "Hunter2-Pass-Word";

    private static readonly string Upper = Secret.ToUpperInvariant();
    private static readonly string Lower = Secret.ToLowerInvariant();

    /// <summary>What the engine derives from the secrets in the tests below: upper, lower, base64 of a concatenation, upper of a secret input.</summary>
    private static readonly string[] Derived =
        [Upper, Lower, Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + Secret)), Password.ToUpperInvariant()];

    [Fact]
    public async Task RunAsync_SecretUsedEverywhere_NeverReachesTheDatabaseTheLogsOrTheState()
    {
        await using var harness = await StartWithTokenAsync();
        var state = await harness.RunAsync("""
            id: leaky
            name: Leaky
            version: 1.0.0
            inputs:
              password: { type: string, secret: true }
            steps:
              - id: compute
                action: set
                with:
                  header: "Bearer {{ secrets.API_TOKEN }}"
                  json: "{{ toJson(secrets) }}"
                  password: "{{ inputs.password }}"
              - id: say
                needs: [compute]
                action: log
                with: { message: "token is {{ secrets.API_TOKEN }} and {{ inputs.password }}" }
              - id: fail
                needs: [say]
                action: assert
                with: { that: "false", message: "leaked {{ secrets.API_TOKEN }}" }
            outputs:
              token: "{{ secrets.API_TOKEN }}"
            """, Inputs(("password", Value.From("hunter2-password"))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var json = ExecutionStateJson.ToJson(state);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-password", json, StringComparison.Ordinal);
        Assert.Equal("Bearer ***", Step(state, "compute").Output.AsObject()["header"].AsString());
        Assert.Contains("leaked ***", Step(state, "fail").Error!.Message, StringComparison.Ordinal);
        var logs = await harness.LogsAsync(state.ExecutionId);
        Assert.Contains(logs, l => l.Message == "token is *** and ***");

        // The memory reads the history in the background after opening: let it end, or its reader closing (and the WAL going with it) races the look at the files.

        await harness.Engine.Memory.Backfilled;

        await harness.Engine.History.DisposeAsync();
        await AssertNotStoredAsync(harness, [Secret, "hunter2-password"]);
    }

    [Fact]
    public async Task RunAsync_DryRun_MasksSecretsInThePlan()
    {
        await using var harness = await StartWithTokenAsync();
        var state = await harness.RunAsync("""
            id: plan-secret
            name: Plan secret
            version: 1.0.0
            steps:
              - id: say
                action: log
                with: { message: "token {{ secrets.API_TOKEN }}" }
            """, dryRun: true);

        var json = ExecutionStateJson.ToJson(state);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        Assert.Equal("would log at info: token ***", Step(state, "say").Plan!.Description.Single());
    }

    [Fact]
    public async Task RunAsync_ValuesDerivedFromASecret_NeverReachTheDatabaseTheWalOrTheState()
    {
        await using var harness = await StartWithTokenAsync();
        var seen = harness.PathOf("seen.txt");
        var state = await harness.RunAsync($$$"""
            id: derived
            name: Derived
            version: 1.0.0
            inputs:
              password: { type: string, secret: true }
            steps:
              - id: derive
                action: set
                with:
                  up: "{{ upper(secrets.API_TOKEN) }}"
                  low: "{{ lower(secrets.API_TOKEN) }}"
                  fmt: "{{ format('[{0}]', lower(secrets.API_TOKEN)) }}"
                  basic: "Basic {{ base64(format('admin:{0}', secrets.API_TOKEN)) }}"
                  joined: "Bearer {{ upper(secrets.API_TOKEN) }} for {{ upper(inputs.password) }}"
                  parts: "{{ fromJson(format('[\"{0}\"]', upper(secrets.API_TOKEN))) }}"
              - id: again
                needs: [derive]
                action: set
                with:
                  back: "{{ lower(steps.derive.output.up) }}"
                  list: "{{ steps.derive.output.parts }}"
              - id: say
                needs: [again]
                action: log
                with: { message: "up {{ steps.derive.output.up }} basic {{ steps.derive.output.basic }}" }
              - id: use
                needs: [say]
                action: shell
                with: { command: [sh, -c, "printf %s \"$1\" > {{{seen}}}; printf %s \"$1\"", sh, "{{ upper(secrets.API_TOKEN) }}"] }
                rollback: []
              - id: fail
                needs: [use]
                action: assert
                with: { that: "false", message: "leaked {{ steps.derive.output.joined }}" }
            outputs:
              token: "{{ steps.again.output.back }}"
            """, Inputs(("password", Value.From(Password))));

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal(Upper, await File.ReadAllTextAsync(seen)); // the program got the real value
        var json = ExecutionStateJson.ToJson(state);
        foreach (var derived in Derived)
        {
            Assert.DoesNotContain(derived, json, StringComparison.Ordinal);
        }

        var output = Step(state, "derive").Output.AsObject();
        Assert.Equal("***", output["up"].AsString());
        Assert.Equal("Basic ***", output["basic"].AsString());
        Assert.Equal("***", Step(state, "use").Output.AsObject()["stdout"].AsString());
        Assert.Contains("leaked Bearer *** for ***", Step(state, "fail").Error!.Message, StringComparison.Ordinal);
        var logs = await harness.LogsAsync(state.ExecutionId);
        Assert.Contains(logs, l => l.Message == "up *** basic Basic ***");

        await AssertNotStoredAsync(harness, Derived); // the history (on SQLite, the file and its WAL), open
        // The memory reads the history in the background after opening: let it end, or its reader closing (and the WAL going with it) races the look at the files.
        await harness.Engine.Memory.Backfilled;
        await harness.Engine.History.DisposeAsync();
        await AssertNotStoredAsync(harness, Derived);
    }

    [Fact]
    public async Task RunAsync_ProgramOutputHoldingASecret_WhatIsDerivedFromItIsMaskedToo()
    {
        await using var harness = await StartWithTokenAsync();
        var state = await harness.RunAsync("""
            id: relay
            name: Relay
            version: 1.0.0
            steps:
              - id: echo
                action: shell
                with: { command: [printf, "token=%s", "{{ secrets.API_TOKEN }}"] }
                rollback: []
              - id: derive
                needs: [echo]
                action: set
                with: { low: "{{ lower(steps.echo.output.stdout) }}" }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.Equal("token=***", Step(state, "derive").Output.AsObject()["low"].AsString());
        Assert.DoesNotContain(Lower, ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
        await AssertNotStoredAsync(harness, Derived);
    }

    [Fact]
    public async Task RunAsync_DryRun_MasksDerivedSecretsInThePlan()
    {
        await using var harness = await StartWithTokenAsync();
        var state = await harness.RunAsync("""
            id: plan-derived
            name: Plan derived
            version: 1.0.0
            steps:
              - id: say
                action: log
                with: { message: "token {{ upper(secrets.API_TOKEN) }}" }
            """, dryRun: true);

        Assert.DoesNotContain(Upper, ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
        Assert.Equal("would log at info: token ***", Step(state, "say").Plan!.Description.Single());
    }

    [Fact]
    public async Task RunAsync_DerivedSecretHandedToAChildPlaybook_IsMaskedInTheChildToo()
    {
        await using var harness = await StartAsync(
            o => new EngineOptions { DataDirectory = o.DataDirectory, Database = o.Database, PlaybookDirectories = [Path.Combine(Path.GetDirectoryName(o.DataDirectory)!, "playbooks")] },
            environment: new Hashtable { ["PLAYBOOK_SECRET_API_TOKEN"] = Secret });
        Directory.CreateDirectory(harness.PathOf("playbooks"));
        await File.WriteAllTextAsync(Path.Combine(harness.PathOf("playbooks"), "child.yaml"), """
            id: child
            name: Child
            version: 1.0.0
            inputs:
              token: { type: string }
            steps:
              - id: say
                action: log
                with: { message: "child has {{ lower(inputs.token) }}" }
            outputs:
              back: "{{ inputs.token }}"
            """);

        var state = await harness.RunAsync("""
            id: parent
            name: Parent
            version: 1.0.0
            steps:
              - id: call
                action: playbook
                with: { id: child, inputs: { token: "{{ upper(secrets.API_TOKEN) }}" } }
            """);

        Assert.Equal(ExecutionStatus.Completed, state.Status);
        Assert.DoesNotContain(Upper, ExecutionStateJson.ToJson(state), StringComparison.Ordinal);
        var childId = Step(state, "call").Output.AsObject()["execution_id"].AsString();
        Assert.Contains(await harness.LogsAsync(childId), l => l.Message == "child has ***");
        await AssertNotStoredAsync(harness, [Upper, Lower]);
    }

    private static Task<EngineHarness> StartWithTokenAsync() =>
        StartAsync(environment: new Hashtable { ["PLAYBOOK_SECRET_API_TOKEN"] = Secret });

    // Not in any file of the data directory (the SQLite history and its WAL) nor, on PostgreSQL, in any row of the history.
    private static Task AssertNotStoredAsync(EngineHarness harness, IReadOnlyList<string> texts) =>
        StoredContent.AssertNoneOfAsync(harness.Engine.Options.DataDirectory, harness.Location, texts);
}
