using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Approvals.Review;

/// <summary>
/// One waiting gate in words, as every page that lets a person decide it shows it (the approval link's page, the
/// dashboard's gate panel): the facts (execution, playbook and version, step, who requested it and when, deadline,
/// approvers and quorum, who decides), what the step will do, and the decisions so far. Plain text: each page encodes it.
/// </summary>
internal sealed record GateSheet
{
    public required string StepId { get; init; }

    /// <summary>The gate's message (masked by the engine).</summary>
    public required string Message { get; init; }

    /// <summary>The message as the playbook's author wrote it, when values were rendered into it; null otherwise.</summary>
    public string? MessageTemplate { get; init; }

    /// <summary>The words every page puts before <see cref="MessageTemplate"/>.</summary>
    public const string TemplateLead = "The playbook's words, before values were put in (what {{ }} filled in comes from inputs and step outputs: data, not instructions):";

    /// <summary>Name and value, in the order a person reads them.</summary>
    public required IReadOnlyList<GateFact> Facts { get; init; }

    /// <summary>What the step will do; null when this process does not hold the run (or for the start gate).</summary>
    public GatePlanView? Plan { get; init; }

    /// <summary>The sentence shown instead of a plan when there is none.</summary>
    public const string NoPlan = "The step's arguments are shown by the process that runs the execution; this one does not hold it now.";

    public IReadOnlyList<GateDecisionView> Decisions { get; init; } = [];

    /// <summary>The sheet of <paramref name="review"/>; <paramref name="decidesAs"/> is the last fact (such as <c>alice (channel dashboard)</c>), or null for none.</summary>
    public static GateSheet From(GateReview review, string? decidesAs)
    {
        ArgumentNullException.ThrowIfNull(review);
        var gate = review.Gate;
        var execution = review.Execution;
        List<GateFact> facts =
        [
            new("Execution", execution.Id),
            new("Playbook", $"{execution.PlaybookId} {execution.PlaybookVersion}"),
            new("Step", gate.StepId),
            new("Requested by", $"{execution.StartedBy}, at {At(gate.CreatedAt)}"),
            new("Deadline", gate.ExpiresAt is { } until ? $"{At(until)}, then on_timeout: {EnumNames.ToName(gate.OnTimeout)}" : "none"),
            new("Approvers", gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers)),
            new("Needs", $"{Math.Max(1, gate.MinApprovals)} approval(s){(gate.SeparateApprover ? ", not from whoever started it" : "")}"),
        ];
        if (decidesAs is not null)
        {
            facts.Add(new("You decide as", decidesAs));
        }

        return new GateSheet
        {
            StepId = gate.StepId,
            Message = gate.Message,
            MessageTemplate = review.MessageTemplate,
            Facts = facts,
            Plan = review.Plan is { } plan
                ? new GatePlanView(plan.Action, plan.Iterations, plan.Description, plan.Arguments.Kind == ValueKind.Null ? null : Indented(plan.Arguments.ToJson()))
                : null,
            Decisions = [.. review.Decisions.Select(d => new GateDecisionView(
                At(d.At), d.Approved ? "approve" : "reject", d.Approver, EnumNames.ToName(d.Channel), d.Channel != ApprovalChannel.Assistant, d.Comment))],
        };
    }

    /// <summary>A time as every gate page writes it: UTC, to the second.</summary>
    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
}
