using System.Text.Json;
using System.Text.Json.Nodes;
using static McpPlaybooks.Server.Mcp.Tools.Framework.OutputSchema;

namespace McpPlaybooks.Server.Mcp.Results;

/// <summary>
/// The output schema of an execution state (<see cref="ExecutionStateView"/>): every field of design §5 with its type.
/// Times, errors and a step's output are left out while they have no value; <c>would_fail</c> comes with dry runs only.
/// The error, the gate and the plan are <c>$defs</c>, as each appears more than once.
/// </summary>
internal static class ExecutionStateSchema
{
    public static JsonElement Schema { get; } = Build(withOwner: false);

    /// <summary>
    /// As <see cref="Schema"/>, with the process that holds the lease of an unfinished execution (<c>get_execution</c> only:
    /// the other tools that return a state keep the smaller schema).
    /// </summary>
    public static JsonElement WithOwner { get; } = Build(withOwner: true);

    /// <summary>The owner of an execution's lease: host, process id, and when its lease ends unless renewed.</summary>
    public static JsonObject Owner => Obj(("host", Str), ("pid", Int), ("lease_expires_at", Str));

    private static JsonElement Build(bool withOwner) => Root(
        Obj([
            ("execution_id", Str),
            ("playbook_id", Str),
            ("playbook_version", Str),
            ("status", Str),
            ("dry_run", Bool),
            ("started_at?", Str),
            ("ended_at?", Str),
            ("error?", Ref("e")),
            ("steps", ArrayOf(Obj(
                ("id", Str),
                ("status", Str),
                ("attempts", Int),
                ("started_at?", Str),
                ("ended_at?", Str),
                ("output?", Any),
                ("error?", Ref("e")),
                ("plan?", Ref("p"))))),
            ("finally", ArrayOf(Obj(("id", Str), ("action", Str), ("status", Str), ("error?", Ref("e")), ("plan?", Ref("p"))))),
            ("would_fail?", Strs),
            ("pending_approvals", ArrayOf(Ref("g"))),
            ("outputs", Map),
            ("next_actions", ArrayOf(Obj(("tool", Str), ("arguments", Map), ("why", Str)))),
            ("note?", Str),
            .. (withOwner ? [("owner?", Owner)] : Array.Empty<(string, JsonObject)>())]),
        ("e", Obj(("category", Str), ("message", Str))),
        ("g", Obj(
            ("execution_id?", Str),
            ("step_id", Str),
            ("message", Str),
            ("message_template?", Str),
            ("approvers", Strs),
            ("min_approvals", Int),
            ("separate_approver", Bool),
            ("decisions", ArrayOf(Obj(("approver", Str), ("decision", Str), ("channel", Str), ("verified", Bool), ("at?", Str), ("comment?", Str)))),
            ("expires_at?", Str))),
        ("p", Obj(
            ("would_run", Bool),
            ("reason?", Str),
            ("action", Str),
            ("description", Strs),
            ("arguments?", Any),
            ("iterations?", Int),
            ("gate?", Ref("g")),
            ("rollback", Strs),
            ("verify", Strs),
            ("would_fail", Strs),
            ("notes", Strs))));
}
