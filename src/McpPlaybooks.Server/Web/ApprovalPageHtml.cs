using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Server.Approvals.Review;

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
        + ".refused{background:#ffebe9;padding:.75rem;border-radius:6px}.template{color:#57606a;font-size:.9rem}";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The page of an open link: the gate, what the step will do, the decisions so far, and the form (unless the rules refuse this link).</summary>
    public static string Gate(LinkLookup lookup, string csrf)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var review = new GateReview { Gate = lookup.Gate!, Execution = lookup.Execution!, MessageTemplate = lookup.MessageTemplate, Decisions = lookup.Decisions, Plan = lookup.Plan, Refusal = lookup.Refusal };
        var sheet = GateSheet.From(review, $"{lookup.Decider!.Identity} (channel link)");
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Approve step <code>{E(sheet.StepId)}</code>?</h1>");
        body.Append(CultureInfo.InvariantCulture, $"<p>{E(sheet.Message)}</p>");
        if (sheet.MessageTemplate is { } template)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"template\">{E(GateSheet.TemplateLead)} <code>{E(template)}</code></p>");
        }

        body.Append("<dl>");
        foreach (var fact in sheet.Facts)
        {
            Row(body, fact.Name, fact.Value);
        }

        body.Append("</dl>");
        Plan(body, sheet.Plan);
        Decisions(body, sheet.Decisions);
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

        return Document($"Approve {sheet.StepId}", body.ToString());
    }

    /// <summary>A page that says what happened (decided, refused, unknown, used, closed) and what to do next.</summary>
    public static string Message(string title, string text, string next) =>
        Document(title, $"<h1>{E(title)}</h1><p>{E(text)}</p><p>{E(next)}</p>");

    private static void Plan(StringBuilder body, GatePlanView? plan)
    {
        body.Append("<h2>What it will do</h2>");
        if (plan is null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{E(GateSheet.NoPlan)}</p>");
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

        if (plan.Arguments is { } arguments)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>Arguments (secrets masked):</p><pre>{E(arguments)}</pre>");
        }
    }

    private static void Decisions(StringBuilder body, IReadOnlyList<GateDecisionView> decisions)
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
            body.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(d.At)}</td><td>{d.Decision}</td><td>{E(d.Who)}</td><td>{E(d.Channel)}</td><td>{(d.Verified ? "yes" : "no")}</td><td>{E(d.Comment ?? "")}</td></tr>");
        }

        body.Append("</table>");
    }

    private static void Row(StringBuilder body, string name, string value) =>
        body.Append(CultureInfo.InvariantCulture, $"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

    private static string Document(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"referrer\" content=\"same-origin\"><title>{E(title)} · McpPlaybooks</title><style>{Style}</style></head><body><main>{body}</main></body></html>";

    private static string E(string text) => Html.Encode(text);
}
