using System.Text.Json;
using McpPlaybooks.Server.Tests.Cli.EndToEnd;

namespace McpPlaybooks.Server.Tests.Cli.Run;

/// <summary>
/// <c>run</c> tells the truth about what did not go well: a dry run that would fail exits non-zero naming why, and a
/// real run whose finally call failed says so in its summary. Through the built executable, on a temporary data directory.
/// </summary>
[Trait("Requires", "Engine")]
public sealed class RunVerdictEndToEndTests : IDisposable
{
    private const string PagesWithASecret = """
        id: pages-with-a-secret
        name: Pages with a secret
        version: 1.0.0
        steps:
          - id: work
            action: log
            with: { message: "working with {{ secrets.MISSING_TOKEN }}" }
        finally:
          - id: notify
            action: shell
            with: { command: [sh, -c, "exit 3"] }
        """;

    private const string FinallyFails = """
        id: finally-fails
        name: Finally fails
        version: 1.0.0
        steps:
          - id: work
            action: log
            with: { message: working }
        finally:
          - id: notify
            action: shell
            with: { command: [sh, -c, "exit 3"] }
        """;

    // As the bundled playbooks are: dry_run_first, and a finally notify whose webhook is a secret.
    private const string NotifiesWhenDone = """
        id: notifies-when-done
        name: Notifies when done
        version: 1.0.0
        safety: { dry_run_first: true }
        steps:
          - id: work
            action: log
            with: { message: working }
        finally:
          - id: notify
            action: notify
            with: { webhook: "{{ secrets.NOT_SET_WEBHOOK }}", text: done }
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Run_DryRunWithAnUnsetSecret_ExitsOneNamingTheSecretAndShowsFinally()
    {
        _directory.Write("pages.yaml", PagesWithASecret);

        var human = await Run("pages.yaml", "--dry-run");
        var json = await Run("pages.yaml", "--dry-run", "--json");

        Assert.Equal(1, human.ExitCode);
        Assert.Contains(human.OutLines, line => line.Contains("WOULD FAIL: secrets.MISSING_TOKEN is not set: PLAYBOOK_SECRET_MISSING_TOKEN or the secrets file", StringComparison.Ordinal));
        Assert.Contains(human.OutLines, line => line.StartsWith("  would run finally notify", StringComparison.Ordinal));
        Assert.Contains(human.OutLines, line => line.StartsWith("dry run failed in ", StringComparison.Ordinal));
        Assert.Equal(1, json.ExitCode);
        using var state = JsonDocument.Parse(json.Out);
        Assert.Equal("failed", state.RootElement.GetProperty("status").GetString());
        Assert.Equal("step 'work': secrets.MISSING_TOKEN is not set: PLAYBOOK_SECRET_MISSING_TOKEN or the secrets file", Assert.Single(state.RootElement.GetProperty("would_fail").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Run_FinallyCallFails_CompletesButTheSummaryAndStateSayItFailed()
    {
        _directory.Write("finally.yaml", FinallyFails);

        var human = await Run("finally.yaml");
        var json = await Run("finally.yaml", "--json");

        Assert.Equal(0, human.ExitCode);
        Assert.Contains(human.OutLines, line => line.StartsWith("  finally 'notify' (shell) FAILED: ", StringComparison.Ordinal));
        using var state = JsonDocument.Parse(json.Out);
        Assert.Equal("completed", state.RootElement.GetProperty("status").GetString());
        var notify = Assert.Single(state.RootElement.GetProperty("finally").EnumerateArray());
        Assert.Equal("failed", notify.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_DryRunWhoseOnlyFindingIsAFinallyCall_CompletesSayingIt_ThenTheRealRunIsNotRefused()
    {
        _directory.Write("notifies.yaml", NotifiesWhenDone);

        var dry = await Run("notifies.yaml", "--dry-run");
        var real = await Run("notifies.yaml");

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains(dry.OutLines, line => line.Contains("WOULD FAIL: secrets.NOT_SET_WEBHOOK is not set: PLAYBOOK_SECRET_NOT_SET_WEBHOOK or the secrets file", StringComparison.Ordinal));
        Assert.Contains("  finally 'notify' (notify) would fail (see above); a real run would still complete", dry.OutLines);
        Assert.Contains(dry.OutLines, line => line.StartsWith("dry run completed in ", StringComparison.Ordinal));
        Assert.Equal(0, real.ExitCode);
        Assert.Contains(real.OutLines, line => line.StartsWith("  finally 'notify' (notify) FAILED: ", StringComparison.Ordinal));
    }

    private Task<CliResult> Run(params string[] args) =>
        CliProcess.RunAsync(["run", .. args, "--data-dir", Path.Combine(_directory.Path, "data")], _directory.Path);
}
