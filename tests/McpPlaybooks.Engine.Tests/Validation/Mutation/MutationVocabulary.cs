namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>The words and fragments that mutations put into a playbook.</summary>
internal static class MutationVocabulary
{
    /// <summary>Values of every type and of hostile shapes, written as YAML.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "42", "-1", "3.14", "0", "0x1F", "0o17", "1e400", "99999999999999999999999", ".nan", "-.inf",
        "true", "false", "True",
        "[a, b]", "[]", "[[1, 2], {x: 1}]",
        "{x: 1}", "{}", "{steps: [a]}",
        "null", "~", "",
        "\"\"", "''",
        "\"" + new string('x', 10_000) + "\"", new string('y', 4_000),
        "\"{{\"", "\"{{ unclosed\"", "\"}}\"", "\"{{ steps.nope.output }}\"", "\"{{ inputs.nope }}\"", "\"{{ vars.nope.x }}\"",
        "\"{{ item }}\"", "\"{{ steps.restart.bogus }}\"", "\"{{ upper( }}\"", "\"{{ 'a' == }}\"", "\"{{ }}\"", "\"{{ {{ x }} }}\"",
        "{{ unquoted }}", "'{{ single }}'", "\"text {{ inputs.service }} and {{\"",
        "steps.nope.output.status == 200", "item == 'x'", "== 1", "(a", "a)", "!", "'unclosed",
        "\"ünïcödé ✓ 日本語 🚀 \\u0000\"", "ünïcödé ✓ 日本語 🚀", "\"\\uD800\"", "\u200B",
        "\"a\tb\"", "\t", "a\tb",
        "\"multi\\nline\"", "|\n  block", ">-", "|", "&anchor value", "*nope", "!!binary aGVsbG8=", "!custom x",
        "0ms", "5x", "-5s", "1.5m", "999999999999999999999d", "PT5M",
    ];

    /// <summary>Keys of the playbook format, to rename a key into another valid one.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        "id", "name", "version", "description", "owner", "tags", "triggers", "inputs", "variables", "safety", "defaults",
        "errors", "timeout", "concurrency", "steps", "on_failure", "finally", "outputs",
        "action", "with", "needs", "when", "foreach", "approval", "step_timeout", "retry", "idempotent",
        "continue_on_error", "rollback", "verify", "type", "default", "required", "enum", "pattern", "minimum", "maximum",
        "secret", "max_attempts", "backoff", "delay", "max_delay", "jitter", "retry_on", "match", "category", "message",
        "approvers", "min_approvals", "on_timeout", "command", "script", "url", "method", "headers", "json", "body",
        "expect", "duration", "http", "that", "interval", "status", "level", "webhook", "text", "format",
    ];

    /// <summary>Keys that are not plain words.</summary>
    public static IReadOnlyList<string> OddKeys { get; } =
    [
        "\"\"", "1", "true", "~", "null", "\"{{ inputs.x }}\"", "[a]", "{b: 1}", "? complex", "<<", "-", "\"id\"", "'steps'", "ID", "Steps",
    ];

    /// <summary>Punctuation that YAML gives a meaning to.</summary>
    public static IReadOnlyList<string> Punctuation { get; } =
    [
        ":", ": ", "- ", "-", "[", "]", "{", "}", "\"", "'", "&a ", "*a", "*a ", "!!str ", "!!int ", "!!map ", "---", "...",
        "<<: *a", "? ", "|", ">", "#", "%YAML 1.2", ",", "@", "`", "\t", "\\",
    ];

    /// <summary>What an expression operator is replaced with.</summary>
    public static IReadOnlyList<string> Operators { get; } =
    [
        "=", "===", "&&&", "&", "|", "||||", "!==", "=<", "<>", "=>", "and", "", "((", "))", "''", "\"",
    ];
}
