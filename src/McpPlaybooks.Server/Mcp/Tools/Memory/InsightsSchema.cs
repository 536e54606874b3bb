using System.Text.Json;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>The output schema of <c>get_insights</c> (<see cref="InsightsView"/>); <c>search</c> comes with a query only.</summary>
internal static class InsightsSchema
{
    public static JsonElement Schema { get; } = Root(Obj(
        ("recommendations", ArrayOf(Obj(("kind", Str), ("playbook_id", Str), ("step_id?", Str), ("text", Str), ("evidence", Map)))),
        ("patterns", ArrayOf(Obj(
            ("fingerprint", Str),
            ("pattern", Str),
            ("example", Str),
            ("count", Int),
            ("category?", Str),
            ("playbook_id", Str),
            ("step_id", Str),
            ("target?", Str),
            ("first_seen", Str),
            ("last_seen", Str)))),
        ("retry_effectiveness", ArrayOf(Obj(
            ("playbook_id", Str),
            ("step_id", Str),
            ("target?", Str),
            ("after_category", Str),
            ("attempt", Int),
            ("trials", Int),
            ("successes", Int),
            ("rate", Num)))),
        ("flaky_steps", ArrayOf(Obj(("playbook_id", Str), ("step_id", Str), ("runs", Int), ("flaky_runs", Int), ("rate", Num)))),
        ("opened_breakers", ArrayOf(Obj(("target", Str), ("breaker_refusals", Int), ("last_refused_at?", Str), ("attempts", Int), ("failures", Int)))),
        ("last_successful_inputs", ArrayOf(Obj(("playbook_id", Str), ("version", Str), ("execution_id", Str), ("inputs", Any), ("ended_at", Str)))),
        ("search?", ArrayOf(Obj(("kind", Str), ("id", Str), ("snippet", Str), ("playbook_id?", Str), ("step_id?", Str), ("at", Str)))),
        ("note", Str)));
}
