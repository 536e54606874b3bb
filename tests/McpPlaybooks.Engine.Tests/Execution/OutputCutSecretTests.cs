using System.Collections;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Engine.Tests.Actions.Http;
using McpPlaybooks.Engine.Tests.Support;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A secret that straddles a cut of bounded output (the head's end or the tail's start of a shell stream, the end of an HTTP
/// body, a failure message's excerpt) leaves no fragment of itself: the history (on SQLite the file and its WAL) holds no 8 characters of it.
/// </summary>
public sealed class OutputCutSecretTests
{
    private const string Secret = "K7mQ2vX9pL4wZ8rT";
    private const int Half = 32 * 1024;

    [Fact]
    public async Task RunAsync_SecretStraddlesTheShellOutputCuts_NoFragmentIsStored()
    {
        await using var harness = await StartAsync(environment: Environment());
        var tailFiller = Half - Secret.Length + 8;
        var state = await harness.RunAsync($$$"""
            id: straddle
            name: Straddle
            version: 1.0.0
            steps:
              - id: print
                action: shell
                with:
                  env: { TOKEN: "{{ secrets.API_TOKEN }}" }
                  command:
                    - sh
                    - -c
                    - >-
                      head -c {{{Half - 8}}} /dev/zero | tr '\0' a; printf %s "$TOKEN"; head -c 100000 /dev/zero | tr '\0' b;
                      { head -c 100000 /dev/zero | tr '\0' c; printf %s "$TOKEN"; head -c {{{tailFiller}}} /dev/zero | tr '\0' d; } >&2
              - id: fail
                needs: [print]
                action: shell
                with:
                  env: { TOKEN: "{{ secrets.API_TOKEN }}" }
                  command: [sh, -c, "head -c 290 /dev/zero | tr '\\0' x >&2; printf '%s\\n' \"$TOKEN\" >&2; exit 3"]
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        var stdout = Step(state, "print").Output.AsObject()["stdout"].AsString();
        Assert.StartsWith(new string('a', Half - 8), stdout, StringComparison.Ordinal);
        Assert.EndsWith(new string('b', 100), stdout, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", Step(state, "fail").Error!.Message, StringComparison.Ordinal);
        await AssertNoFragmentStoredAsync(harness, state);
    }

    [Fact]
    public async Task RunAsync_SecretStraddlesTheHttpBodyBound_NoFragmentIsStored()
    {
        await using var listener = new RawHttpListener(200, new string('a', (64 * 1024) - 8) + Secret + new string('b', 100));
        await using var failing = new RawHttpListener(500, new string('x', 190) + Secret);
        await using var harness = await StartAsync(environment: Environment());
        var state = await harness.RunAsync($$"""
            id: straddle-http
            name: Straddle HTTP
            version: 1.0.0
            steps:
              - id: fetch
                action: http
                with: { url: "{{listener.Url("/big")}}" }
              - id: post
                needs: [fetch]
                action: notify
                with: { webhook: "{{failing.Url("/hook")}}", text: hello }
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.StartsWith(new string('a', 1000), Step(state, "fetch").Output.AsObject()["body"].AsString(), StringComparison.Ordinal);
        Assert.Contains("answered 500", Step(state, "post").Error!.Message, StringComparison.Ordinal);
        await AssertNoFragmentStoredAsync(harness, state);
    }

    private static Hashtable Environment() => new() { ["PLAYBOOK_SECRET_API_TOKEN"] = Secret };

    // No 8 characters of the secret in the state, nor in any file of the data directory (the SQLite history with its WAL) or,
    // on PostgreSQL, any row of the history, open and closed.
    private static async Task AssertNoFragmentStoredAsync(EngineHarness harness, ExecutionState state)
    {
        var fragments = Enumerable.Range(0, Secret.Length - 7).Select(i => Secret.Substring(i, 8)).ToList();
        var json = ExecutionStateJson.ToJson(state);
        Assert.All(fragments, f => Assert.DoesNotContain(f, json, StringComparison.Ordinal));
        var directory = harness.Engine.Options.DataDirectory;
        await StoredContent.AssertNoneOfAsync(directory, harness.Location, fragments);
        if (harness.Location.Kind == StoreKind.Sqlite)
        {
            Assert.Contains(Directory.GetFiles(directory), f => f.EndsWith("-wal", StringComparison.Ordinal));
        }

        // The memory reads the history in the background after opening: let it end, or its reader closing (and the WAL going with it) races the look at the files.

        await harness.Engine.Memory.Backfilled;

        await harness.Engine.History.DisposeAsync();
        await StoredContent.AssertNoneOfAsync(directory, harness.Location, fragments);
    }
}
