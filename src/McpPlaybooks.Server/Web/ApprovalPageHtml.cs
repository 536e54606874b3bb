using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Web;

/// <summary>
/// The approval page: one small self-contained HTML document (inline CSS, no script, no external asset), everything from
/// the history HTML-encoded. <see cref="Gate"/> shows an open link's gate with the form; <see cref="Message"/> any outcome.
/// </summary>
internal static class ApprovalPageHtml
{
    private const string Style =
        "body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}"
        + "main{max-width:46rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 3px #0002}"
        + "h1{font-size:1.4rem;margin-top:0}h2{font-size:1.05rem;margin-top:1.5rem}dt{font-weight:600;float:left;clear:left;width:10rem}"
        + "dd{margin-left:10.5rem}pre{background:#f0f2f5;padding:.75rem;overflow:auto;white-space:pre-wrap}"
        + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e3e6eb;padding:.3rem;text-align:left;font-size:.9rem}"
        + "textarea{width:100%;min-height:4rem;box-sizing:border-box}.actions{margin-top:1rem;display:flex;gap:1rem}"
        + "button{font-size:1rem;padding:.5rem 1.5rem;border-radius:6px;border:0;cursor:pointer;color:#fff}"
        + ".approve{background:#1a7f37}.reject{background:#cf222e}.note{background:#fff8c5;padding:.75rem;border-radius:6px}"
        + ".refused{background:#ffebe9;padding:.75rem;border-radius:6px}";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The page of an open link: the gate, what the step will do, the decisions so far, and the form (unless the rules refuse this link).</summary>
    public static string Gate(LinkLookup lookup, string csrf)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var gate = lookup.Gate!;
        var execution = lookup.Execution!;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Approve step <code>{E(gate.StepId)}</code>?</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p>{E(gate.Message)}</p><dl>");
        Row(body, "Execution", execution.Id);
        Row(body, "Playbook", $"{execution.PlaybookId} {execution.PlaybookVersion}");
        Row(body, "Step", gate.StepId);
        Row(body, "Requested by", $"{execution.StartedBy}, at {At(gate.CreatedAt)}");
        Row(body, "Deadline", gate.ExpiresAt is { } until ? $"{At(until)}, then on_timeout: {EnumNames.ToName(gate.OnTimeout)}" : "none");
        Row(body, "Approvers", gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers));
        Row(body, "Needs", $"{Math.Max(1, gate.MinApprovals)} approval(s){(gate.SeparateApprover ? ", not from whoever started it" : "")}");
        Row(body, "You decide as", $"{lookup.Decider!.Identity} (channel link)");
        body.Append("</dl>");
        Plan(body, lookup);
        Decisions(body, lookup.Decisions);
        if (lookup.Refusal is { } refusal)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"refused\">This link cannot decide this gate: {E(refusal)} ");
            body.Append("Ask for a link issued for you: <code>mcp-playbooks approvals</code> on the server's machine prints one for its OS user.</p>");
        }
        else
        {
            body.Append("<form method=\"post\">");
            body.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"csrf\" value=\"{E(csrf)}\">");
            body.Append("<label for=\"comment\">Comment (optional)</label><textarea id=\"comment\" name=\"comment\" maxlength=\"1000\"></textarea>");
            body.Append("<div class=\"actions\"><button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>");
            body.Append("<button class=\"reject\" type=\"submit\" name=\"decision\" value=\"reject\">Reject</button></div></form>");
            body.Append("<p class=\"note\">This link decides once, and only while the gate waits.</p>");
        }

        return Document($"Approve {gate.StepId}", body.ToString());
    }

    /// <summary>A page that says what happened (decided, refused, unknown, used, closed) and what to do next.</summary>
    public static string Message(string title, string text, string next) =>
        Document(title, $"<h1>{E(title)}</h1><p>{E(text)}</p><p>{E(next)}</p>");

    private static void Plan(StringBuilder body, LinkLookup lookup)
    {
        body.Append("<h2>What it will do</h2>");
        if (lookup.Plan is not { } plan)
        {
            body.Append("<p>The step's arguments are shown by the process that runs the execution; this one does not hold it now.</p>");
            return;
        }

        body.Append(CultureInfo.InvariantCulture, $"<p>Action <code>{E(plan.Action)}</code>{(plan.Iterations is { } n ? $", {n} iteration(s)" : "")}.</p>");
        if (plan.Description.Count > 0)
        {
            body.Append("<ul>");
            foreach (var line in plan.Description)
            {
                body.Append(CultureInfo.InvariantCulture, $"<li>{E(line)}</li>");
            }

            body.Append("</ul>");
        }

        if (plan.Arguments.Kind != ValueKind.Null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>Arguments (secrets masked):</p><pre>{E(Indented(plan.Arguments.ToJson()))}</pre>");
        }
    }

    private static void Decisions(StringBuilder body, IReadOnlyList<ApprovalDecisionRecord> decisions)
    {
        body.Append("<h2>Decisions so far</h2>");
        if (decisions.Count == 0)
        {
            body.Append("<p>None yet.</p>");
            return;
        }

        body.Append("<table><tr><th>When</th><th>Decision</th><th>Who</th><th>Channel</th><th>Verified</th><th>Comment</th></tr>");
        foreach (var d in decisions)
        {
            var verified = d.Channel == Engine.Execution.Approvals.ApprovalChannel.Assistant ? "no" : "yes";
            body.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(At(d.At))}</td><td>{(d.Approved ? "approve" : "reject")}</td><td>{E(d.Approver)}</td><td>{E(EnumNames.ToName(d.Channel))}</td><td>{verified}</td><td>{E(d.Comment ?? "")}</td></tr>");
        }

        body.Append("</table>");
    }

    private static void Row(StringBuilder body, string name, string value) =>
        body.Append(CultureInfo.InvariantCulture, $"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"referrer\" content=\"same-origin\"><title>{E(title)} · McpPlaybooks</title><style>{Style}</style></head><body><main>{body}</main></body></html>";

    private static string Indented(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string E(string text) => Html.Encode(text);
}
