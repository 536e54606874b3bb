using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Tests.History;

/// <summary>
/// An execution recorded before secret inputs were kept as a keyed digest (the same SQL on both stores): its inputs hold
/// a secret as <c>***</c>. Once migrated it has no digest, and the store has its key (made once, at the opening).
/// </summary>
internal static class SecretDigestHistory
{
    public static string Rows => """
        INSERT INTO playbook_versions (playbook_id, version, sha256, content, source, status, created_at)
        VALUES ('old', '1.0.0', 'abc', 'id: old', NULL, 'active', 1);
        INSERT INTO executions (id, playbook_id, playbook_version, playbook_sha256, status, dry_run, inputs_json, started_by, created_at, updated_at)
        VALUES ('old-run', 'old', '1.0.0', 'abc', 'waiting_approval', 0, '{"token":"***"}', 'mcp:a', 1000, 1000);
        """;

    public static async Task AssertMigratedAsync(HistoryStore store)
    {
        var old = (await store.GetExecutionAsync("old-run", default))!;

        Assert.Equal(("{\"token\":\"***\"}", null), (old.InputsJson, old.SecretInputsHmac));
        Assert.Equal(SecretInputsKey.Length, store.SecretInputsKey.Length);
        Assert.Contains(store.SecretInputsKey, b => b != 0);
    }
}
