using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Cli;

/// <summary>
/// Puts the engine's advice in the command line's own words: the engine names what to do next as MCP tool calls
/// (<c>execute_playbook with dry_run: true</c>), which a person at a terminal does with a command
/// (<c>mcp-playbooks run ID --dry-run</c>).
/// </summary>
internal static partial class CliWording
{
    /// <summary>
    /// <paramref name="message"/> with its MCP advice in command-line words; <paramref name="executionId"/> fills in the
    /// execution where the advice needs one (else <c>ID</c>), <paramref name="playbook"/> the playbook (else <c>PLAYBOOK</c>).
    /// </summary>
    public static string Of(string message, string? executionId = null, string? playbook = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = executionId ?? "ID";
        var text = message
            .Replace("Call execute_playbook with dry_run: true and", $"Run 'mcp-playbooks run {playbook ?? "PLAYBOOK"} --dry-run' with", StringComparison.Ordinal)
            .Replace("(execute_playbook with dry_run: true)", "(mcp-playbooks run --dry-run)", StringComparison.Ordinal)
            .Replace("Start a real run with execute_playbook and dry_run: false.", "Start a real run with 'mcp-playbooks run', without --dry-run.", StringComparison.Ordinal)
            .Replace("start a new execution with execute_playbook", "start a new one with 'mcp-playbooks run'", StringComparison.Ordinal)
            .Replace("(control_execution action retry_step or skip_step with its step_id)", $"('mcp-playbooks control {id} retry_step --step STEP', or skip_step)", StringComparison.Ordinal)
            .Replace("get_execution shows", "'mcp-playbooks show ID' shows", StringComparison.Ordinal)
            .Replace("list_executions shows the recent ones", "'mcp-playbooks history' lists the recent ones", StringComparison.Ordinal)
            .Replace("call approve_step", $"run 'mcp-playbooks approve {id} STEP'", StringComparison.Ordinal)
            .Replace("decide it with approve_step", $"decide it with 'mcp-playbooks approve {id} STEP'", StringComparison.Ordinal);
        return ControlAction().Replace(text, match => $"'mcp-playbooks control {id} {match.Groups[1].Value}'");
    }

    [GeneratedRegex(@"control_execution action (\w+)")]
    private static partial Regex ControlAction();
}
