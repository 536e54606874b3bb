using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// A history from before idempotency keys were unique, in which two processes recorded one key twice (the same SQL on both
/// stores), and what the migration makes of it: the newest execution of the key keeps it (a start with it returned that one
/// already), the older one lets it go with an audit entry, and the key is unique from then on.
/// </summary>
internal static class DuplicateKeyHistory
{
    public const string Rows = """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES ('slow', '1.0.0', 'abc', 'id: slow', NULL, 'active', 1);
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json,
            started_by, idempotency_key, created_at, updated_at)
        VALUES ('run-older', 'slow', '1.0.0', 'abc', 'completed', 0, '{}', 'mcp:a', 'ticket-1', 1000, 1000),
               ('run-newer', 'slow', '1.0.0', 'abc', 'completed', 0, '{}', 'mcp:b', 'ticket-1', 1001, 1001),
               ('run-alone', 'slow', '1.0.0', 'abc', 'completed', 0, '{}', 'mcp:a', 'ticket-2', 1002, 1002);
        """;

    public static async Task AssertMigratedAsync(HistoryStore store)
    {
        Assert.Equal("run-newer", (await store.FindExecutionByIdempotencyKeyAsync("ticket-1", default))?.Id);
        Assert.Equal("ticket-1", (await store.GetExecutionAsync("run-newer", default))?.IdempotencyKey);
        Assert.Equal("ticket-2", (await store.GetExecutionAsync("run-alone", default))?.IdempotencyKey);
        Assert.Null((await store.GetExecutionAsync("run-older", default))?.IdempotencyKey);
        var released = Assert.Single(await store.GetAuditAsync("run-older", default));
        Assert.Equal(("migration", "idempotency_key_released", "execution"), (released.Actor, released.Action, released.SubjectType));
        var detail = JsonNode.Parse(released.DetailJson!)!;
        Assert.Equal(("ticket-1", "run-newer"), ((string?)detail["idempotency_key"], (string?)detail["kept_by"]));
        Assert.Empty(await store.GetAuditAsync("run-newer", default));

        // From now on the database itself refuses a second execution with a key.
        var again = new ExecutionRecord
        {
            Id = "run-again",
            PlaybookId = "slow",
            PlaybookVersion = "1.0.0",
            PlaybookSha256 = "abc",
            Status = ExecutionStatus.Completed,
            InputsJson = "{}",
            StartedBy = "mcp:c",
            IdempotencyKey = "ticket-2",
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(2000),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(2000),
        };
        var refused = await Assert.ThrowsAsync<HistoryWriteException>(() => store.WriteAsync(new HistoryWrite.SaveExecution(again)));
        Assert.Equal(McpPlaybooks.Engine.History.Dialect.StoreFailure.Data, refused.Failure);
        Assert.Null(await store.GetExecutionAsync("run-again", default));
    }
}
