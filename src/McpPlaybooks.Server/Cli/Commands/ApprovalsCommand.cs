using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Commands;

/// <summary>
/// <c>approvals [--data-dir DIR] [--json]</c>: the gates waiting for a person in a data directory, oldest first, each with
/// the <c>approve</c> command that decides it, and who this terminal decides as. Reads the history only.
/// </summary>
internal sealed class ApprovalsCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _dataDirectory = DataDirectoryOption.Create();

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print one JSON array of pending gates on stdout, and nothing else.",
    };

    public ApprovalsCommand(CliContext context)
        : base("approvals", "List the gates waiting for a person, oldest first, with the approve command for each and who you decide as. "
            + "Reads the history only: it changes nothing.")
    {
        _context = context;
        Add(_dataDirectory);
        Add(_json);
        SetAction(ExecuteAsync);
    }

    private Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var given = parseResult.GetValue(_dataDirectory);
        var directory = DataDirectory.Resolve(given, _context.Environment, _context.CurrentDirectory);
        var dataOption = given is null ? "" : $" --data-dir {directory}";
        return StoredHistory.ReadAsync(directory, _context, async store =>
        {
            var gates = await ReadAsync(store, dataOption, cancellationToken);
            if (parseResult.GetValue(_json))
            {
                _context.Out.WriteLine(JsonSerializer.Serialize(gates, CliJsonContext.Printing.ListApprovalsJsonGate));
            }
            else
            {
                WriteHuman(gates);
            }

            return ExitCodes.Success;
        }, cancellationToken);
    }

    private static async Task<List<ApprovalsJsonGate>> ReadAsync(HistoryStore store, string dataOption, CancellationToken cancellationToken)
    {
        var gates = new List<ApprovalsJsonGate>();
        foreach (var pending in (await store.ListPendingApprovalsAsync(cancellationToken)).GroupBy(g => g.ExecutionId, StringComparer.Ordinal))
        {
            // One read of the execution and its decisions for all of its gates.
            var execution = await store.GetExecutionAsync(pending.Key, cancellationToken);
            var decisions = await store.GetDecisionsAsync(pending.Key, cancellationToken);
            gates.AddRange(pending.Select(gate => new ApprovalsJsonGate(
                gate.ExecutionId,
                gate.StepId,
                execution?.PlaybookId,
                execution?.PlaybookVersion,
                gate.Message,
                gate.Approvers,
                Math.Max(1, gate.MinApprovals),
                decisions.Count(d => d.StepId == gate.StepId && d.Approved),
                gate.SeparateApprover,
                gate.CreatedAt,
                gate.ExpiresAt,
                $"mcp-playbooks approve {gate.ExecutionId} {gate.StepId}{dataOption}")));
        }

        return [.. gates.OrderBy(g => g.CreatedAt)];
    }

    private void WriteHuman(List<ApprovalsJsonGate> gates)
    {
        foreach (var gate in gates)
        {
            var who = gate.Approvers.Count == 0 ? "anyone" : string.Join(", ", gate.Approvers);
            var until = gate.ExpiresAt is { } at ? $", until {At(at)}" : "";
            var separate = gate.SeparateApprover ? ", not the starter" : "";
            _context.Out.WriteLine($"{gate.ExecutionId}  {gate.PlaybookId} {gate.PlaybookVersion}  step '{gate.StepId}': {OneLine(gate.Message)}");
            _context.Out.WriteLine($"    approvers: {who}{separate}; {gate.Approvals} of {gate.MinApprovals} approvals; waiting since {At(gate.CreatedAt)}{until}");
            _context.Out.WriteLine($"    decide: {gate.Approve}   (or --reject, --comment TEXT)");
        }

        var problems = new List<string>();
        var settings = ApprovalSettingsReader.Read(_context.Environment, problems);
        var you = Approvers.Cli(Environment.UserName, settings, asName: null, out _);
        var known = you.Name is { } name ? $" (known as {name}{(you.Roles.Count == 0 ? "" : $", roles {string.Join(", ", you.Roles)}")})" : " (no name or role: Approvals:Users maps OS users to them)";
        _context.Error.WriteLine($"{(gates.Count == 1 ? "1 gate" : $"{gates.Count} gates")} waiting; you decide as {you.Identity}{known}");
    }

    private static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
