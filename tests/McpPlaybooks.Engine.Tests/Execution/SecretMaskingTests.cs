using System.Collections;
using System.Text;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

public sealed class SecretMaskingTests
{
    private const string Secret = "s3cr3t-T0ken-value-42";

    [Fact]
    public async Task RunAsync_SecretUsedEverywhere_NeverReachesTheDatabaseTheLogsOrTheState()
    {
        var environment = new Hashtable { ["PLAYBOOK_SECRET_API_TOKEN"] = Secret };
        await using var harness = await StartAsync(environment: environment);
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

        await harness.Engine.History.DisposeAsync();
        foreach (var file in Directory.GetFiles(harness.Engine.Options.DataDirectory))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(Secret)));
            Assert.Equal(-1, IndexOf(bytes, Encoding.UTF8.GetBytes("hunter2-password")));
        }
    }

    [Fact]
    public async Task RunAsync_DryRun_MasksSecretsInThePlan()
    {
        var environment = new Hashtable { ["PLAYBOOK_SECRET_API_TOKEN"] = Secret };
        await using var harness = await StartAsync(environment: environment);
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

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
