using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Guardrails;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

/// <summary>The rule alone: a key names one start, and a different request under it is refused saying what differs.</summary>
public sealed class IdempotencyConflictTests
{
    private static readonly ExecutionRecord Existing = new()
    {
        Id = "ex-1",
        PlaybookId = "p",
        PlaybookVersion = "1.0.0",
        PlaybookSha256 = "aaa",
        Status = ExecutionStatus.Completed,
        InputsJson = """{"a":1,"b":"x"}""",
        IncidentJson = """{"type":"availability"}""",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    public static TheoryData<string, ExecutionRecord, string?> Cases => new()
    {
        { "same request", Existing with { Id = "ex-2", Status = ExecutionStatus.Pending, InputsJson = """{"b":"x","a":1}""" }, null },
        { "other version", Existing with { PlaybookVersion = "1.1.0" }, "playbook (p 1.0.0, not p 1.1.0)" },
        { "other playbook", Existing with { PlaybookId = "q" }, "playbook (p 1.0.0, not q 1.0.0)" },
        { "changed content", Existing with { PlaybookSha256 = "bbb" }, "playbook content (version 1.0.0 was changed since)" },
        { "other inputs", Existing with { InputsJson = """{"a":2,"c":true}""" }, "inputs (a, b, c)" },
        { "other incident", Existing with { IncidentJson = null }, "incident" },
        { "dry run", Existing with { DryRun = true }, "dry_run (false, not true)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_Request_RefusedNamingWhatDiffersOrAccepted(string name, ExecutionRecord requested, string? difference)
    {
        var message = IdempotencyConflict.Check("k-1", Existing, requested);

        if (difference is null)
        {
            Assert.Null(message);
            return;
        }

        Assert.NotNull(message);
        Assert.Contains(difference, message, StringComparison.Ordinal);
        Assert.StartsWith("the idempotency key 'k-1' already started execution ex-1 (completed)", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }
}
