using System.Text.Json;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Tools.Memory;

/// <summary>The output schema of <c>get_execution_metrics</c> (<see cref="MetricsView"/>); a breaker is a <c>$defs</c>, used twice.</summary>
internal static class MetricsSchema
{
    public static JsonElement Schema { get; } = Root(
        Obj(
            ("since?", Str),
            ("playbooks", ArrayOf(Obj(
                ("playbook_id", Str),
                ("runs", Int),
                ("completed", Int),
                ("failed", Int),
                ("cancelled", Int),
                ("rolled_back", Int),
                ("rejected", Int),
                ("breaker_refused", Int),
                ("success_rate?", Num),
                ("p50_ms?", Int),
                ("p95_ms?", Int),
                ("mttr_ms?", Int),
                ("last_run_at?", Str),
                ("last_success_at?", Str),
                ("error_categories", Map),
                ("incident_types", ArrayOf(Obj(("type", Str), ("runs", Int), ("completed", Int), ("cancelled", Int), ("rejected", Int), ("breaker_refused", Int), ("success_rate?", Num)))),
                ("steps?", ArrayOf(Obj(
                    ("step_id", Str),
                    ("runs", Int),
                    ("completed", Int),
                    ("failed", Int),
                    ("breaker_refused", Int),
                    ("skipped", Int),
                    ("attempts", Int),
                    ("success_rate?", Num),
                    ("p50_ms?", Int),
                    ("p95_ms?", Int),
                    ("timeouts", Int),
                    ("gate_timeouts", Int),
                    ("error_categories", Map)))),
                ("steps_omitted?", Int)))),
            ("targets", ArrayOf(Obj(("target", Str), ("attempts", Int), ("failures", Int), ("error_categories", Map), ("breaker_refusals", Int), ("last_refused_at?", Str)))),
            ("breakers", ArrayOf(Ref("b"))),
            ("breaker_settings", Obj(("enabled", Bool), ("minimum_calls", Int), ("failure_ratio", Num), ("window_seconds", Num), ("open_seconds", Num))),
            ("execution?", Obj(("execution_id", Str), ("playbook_id", Str), ("breakers", ArrayOf(Ref("b"))))),
            ("omitted?", Obj(("playbooks?", Int), ("targets?", Int), ("breakers?", Int)))),
        ("b", Obj(("target", Str), ("state", Str), ("open_until?", Str), ("failures?", Int), ("calls?", Int), ("attempts?", Int), ("refused?", Int))));
}
