using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Cli.Control;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>approvals [--data-dir DIR] [--database PATH|CONNECTION] [--json]</c>: the gates waiting for a person in a history, oldest first, each with
/// the <c>approve</c> command that decides it, who this terminal decides as, and, when a server serves the approval page
/// for this data directory, a fresh one-time link issued for this OS user. Changes nothing but recording those links.
/// </summary>
internal sealed class ApprovalsCommand : Command
{
    private readonly CliContext _context;

    private readonly HistoryOptions _history = new();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON array of pending gates on stdout, and nothing else.",
    };

    public ApprovalsCommand(CliContext context)
        : base("approvals", "List the gates waiting for a person, oldest first, with the approve command for each, who you decide as, and "
            + "a one-time link to the approval page issued for you when a server serves it. Decides nothing.")
    {
        _context = context;
        _history.AddTo(this);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        if (_history.Resolve(parseResult, _context) is not { } target)
        {
            return Task.FromResult(ExitCodes.Usage);
        }

        var settings = ApprovalSettingsReader.Read(_context.Environment, []);
        var you = Approvers.Cli(Environment.UserName, settings, asName: null, out _);
        return StoredHistory.ReadAsync(target, _context, async store =>
        {
            var page = await LivePageAsync(store, target.Location.Kind, cancellationToken);
            var gates = await ReadAsync(store, target.Again, page, you, cancellationToken);
            if (parseResult.GetValue(_json))
            {
                _context.Out.WriteLine(JsonSerializer.Serialize(gates, CliJsonContext.Printing.ListApprovalsJsonGate));
            }
            else
            {
                WriteHuman(gates, you, page);
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }

    /// <summary>
    /// The approval page of a running server on this history, the newest first. On SQLite the records of servers of this
    /// host that died are dropped; on a shared PostgreSQL such a record is only passed over (its pid is no proof there).
    /// </summary>
    private static async Task<Uri?> LivePageAsync(HistoryStore store, StoreKind kind, CancellationToken cancellationToken)
    {
        foreach (var page in await store.ApprovalLinks.ListPagesAsync(cancellationToken))
        {
            if (DeadOwners.IsGoneFromThisHost(page.OwnerId))
            {
                if (DeadOwners.IsKnownGone(page.OwnerId, kind))
                {
                    await store.ApprovalLinks.RemovePageAsync(page.OwnerId);
                }

                continue;
            }

            if (Uri.TryCreate(page.BaseUrl, UriKind.Absolute, out var url))
            {
                return url;
            }
        }

        return null;
    }

    private static async Task<List<ApprovalsJsonGate>> ReadAsync(HistoryStore store, string dataOption, Uri? page, Engine.Execution.Approvals.ApproverIdentity you, CancellationToken cancellationToken)
    {
        var holder = new LinkHolder(you.Name ?? you.Identity, you.Name, [.. you.Roles]);
        var gates = new List<ApprovalsJsonGate>();
        foreach (var pending in (await store.ListPendingApprovalsAsync(cancellationToken)).GroupBy(g => g.ExecutionId, StringComparer.Ordinal))
        {
            // One read of the execution (its gates with their decisions, and their message templates from the playbook
            // version it is pinned to) for all of its gates.
            var state = await StoredExecutionState.LoadAsync(store, pending.Key, cancellationToken);
            foreach (var gate in pending)
            {
                var shown = state?.PendingApprovals.FirstOrDefault(g => g.StepId == gate.StepId && (g.ExecutionId ?? pending.Key) == pending.Key);
                var link = page is null ? null : await IssueAsync(store, page, gate.ExecutionId, gate.StepId, holder, you.Identity, cancellationToken);
                gates.Add(new ApprovalsJsonGate(
                    gate.ExecutionId,
                    gate.StepId,
                    state?.PlaybookId,
                    state?.PlaybookVersion,
                    gate.Message,
                    shown?.MessageTemplate,
                    gate.Approvers,
                    Math.Max(1, gate.MinApprovals),
                    shown?.Decisions.Count(d => d.Approved) ?? 0,
                    gate.SeparateApprover,
                    gate.CreatedAt,
                    gate.ExpiresAt,
                    $"mcp-playbooks approve {gate.ExecutionId} {gate.StepId}{dataOption}",
                    link?.AbsoluteUri));
            }
        }

        return [.. gates.OrderBy(g => g.CreatedAt)];
    }

    private static async Task<Uri?> IssueAsync(HistoryStore store, Uri page, string executionId, string stepId, LinkHolder holder, string issuedBy, CancellationToken cancellationToken)
    {
        try
        {
            var link = await LinkIssuer.IssueAsync(store, TimeProvider.System.GetUtcNow(), executionId, stepId, holder, issuedBy, cancellationToken);
            return ApprovalPageAddress.LinkFor(page, link.Token);
        }
        catch (ExecutionRefusedException)
        {
            return null; // the gate closed since it was listed
        }
    }

    private void WriteHuman(List<ApprovalsJsonGate> gates, Engine.Execution.Approvals.ApproverIdentity you, Uri? page)
    {
        foreach (var gate in gates)
        {
            var who = gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);
            var until = gate.ExpiresAt is { } at ? $", until {At(at)}" : "";
            var separate = gate.SeparateApprover ? ", not the starter" : "";
            _context.Out.WriteLine($"{gate.ExecutionId}  {gate.PlaybookId} {gate.PlaybookVersion}  step '{gate.StepId}': {OneLine(gate.Message)}");
            if (HumanRunFormat.TemplateLine(gate.MessageTemplate) is { } words)
            {
                _context.Out.WriteLine($"    {words}");
            }

            _context.Out.WriteLine($"    approvers: {who}{separate}; {gate.Approvals} of {gate.MinApprovals} approvals; waiting since {At(gate.CreatedAt)}{until}");
            _context.Out.WriteLine($"    decide: {gate.Approve}   (or --reject, --comment TEXT)");
            if (gate.Link is { } link)
            {
                _context.Out.WriteLine($"    or open: {link}   (one decision, as you; valid while the gate waits)");
            }
        }

        var known = you.Name is { } name ? $" (known as {name}{(you.Roles.Count == 0 ? "" : $", roles {string.Join(", ", you.Roles)}")})" : " (no name or role: Approvals:Users maps OS users to them)";
        _context.Error.WriteLine($"{(gates.Count == 1 ? "1 gate" : $"{gates.Count} gates")} waiting; you decide as {you.Identity}{known}");
        if (gates.Count > 0 && page is null)
        {
            _context.Error.WriteLine("no approval links: no running server serves the approval page for this data directory ('mcp-playbooks serve --http ADDRESS' does)");
        }
    }

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
