using System.Collections;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Tests.Actions.Http;
using static McpPlaybooks.Engine.Tests.Execution.EngineHarness;

namespace McpPlaybooks.Engine.Tests.Execution;

/// <summary>
/// A secret of several lines (a private key, a certificate) was masked only as written: printed with CRLF, line by line
/// behind a prefix, as the last line of a failing program's stderr (the failure's reason) or joined into one line in an HTTP
/// failure's excerpt, its lines were stored and shown as they are. Each line of it is a masked form now.
/// </summary>
public sealed class MultiLineSecretTests
{
    private static readonly string[] KeyLines =
    [
        "-----BEGIN TEST KEY-----",
        "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
        "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm",
        "-----END TEST KEY-----",
    ];

    private static readonly string Key = string.Join('\n', KeyLines);

    // Parts of the key's body: none may be stored or shown anywhere.
    private static readonly string[] Parts = [KeyLines[1][..20], KeyLines[2][..20], KeyLines[2][^20..]];

    [Fact]
    public async Task RunAsync_AKeyPrintedWithCrlfOrLineByLine_NoLineOfItIsStored()
    {
        await using var harness = await StartAsync(environment: Environment());

        var state = await harness.RunAsync("""
            id: prints-a-key
            name: Prints a key
            version: 1.0.0
            steps:
              - id: crlf
                action: shell
                with:
                  env: { KEY: "{{ secrets.KEY }}" }
                  command: [sh, -c, "printf '%s\\n' \"$KEY\" | awk '{ printf \"%s\\r\\n\", $0 }'"]
              - id: prefixed
                needs: [crlf]
                action: shell
                with:
                  env: { KEY: "{{ secrets.KEY }}" }
                  command: [sh, -c, "printf '%s\\n' \"$KEY\" | sed 's/^/key> /'"]
              - id: fails
                needs: [prefixed]
                action: shell
                with:
                  env: { KEY: "{{ secrets.KEY }}" }
                  command: [sh, -c, "printf 'bad key:\\n%s\\n' \"$KEY\" | head -n 4 >&2; exit 2"]
            """);

        Assert.Equal(ExecutionStatus.Failed, state.Status);
        Assert.Equal("***", Step(state, "crlf").Output.AsObject()["stdout"].AsString());
        Assert.Contains("key> ***", Step(state, "prefixed").Output.AsObject()["stdout"].AsString(), StringComparison.Ordinal);
        Assert.EndsWith("exited with code 2: ***", Step(state, "fails").Error!.Message, StringComparison.Ordinal);
        await SecretFormsTests.AssertNowhereAsync(harness, state, Parts);
    }

    [Fact]
    public async Task RunAsync_AnHttpFailureWhoseBodyHoldsTheKey_ItsExcerptShowsNoLineOfIt()
    {
        await using var failing = new RawHttpListener(500, "rejected:\n" + Key + "\n");
        await using var harness = await StartAsync(environment: Environment());

        var state = await harness.RunAsync($$"""
            id: posts-a-key
            name: Posts a key
            version: 1.0.0
            steps:
              - id: post
                action: notify
                retry: { max_attempts: 1 }
                with: { webhook: "{{failing.Url("/hook")}}", text: hello }
            """);

        var error = Step(state, "post").Error!.Message;
        Assert.Contains("answered 500", error, StringComparison.Ordinal);
        Assert.Contains("rejected: ***", error, StringComparison.Ordinal);
        await SecretFormsTests.AssertNowhereAsync(harness, state, Parts);
    }

    private static Hashtable Environment() => new() { ["PLAYBOOK_SECRET_KEY"] = Key };
}
