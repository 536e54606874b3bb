using McpPlaybooks.Server.Cli;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>The engine's advice, which names MCP tools, reaches a person at a terminal as commands of this program.</summary>
public sealed class CliWordingTests
{
    [Theory]
    [InlineData(
        "refused by safety.dry_run_first of playbook p: none. Call execute_playbook with dry_run: true and the same playbook version and inputs first.",
        "refused by safety.dry_run_first of playbook p: none. Run 'mcp-playbooks run p --dry-run' with the same playbook version and inputs first.")]
    [InlineData(
        "It may run when one of them ends, or cancel one with control_execution action cancel; get_execution shows where each one stands.",
        "It may run when one of them ends, or cancel one with 'mcp-playbooks control ex-1 cancel'; 'mcp-playbooks show ID' shows where each one stands.")]
    [InlineData(
        "a draft may be dry-run (execute_playbook with dry_run: true) but not run for real.",
        "a draft may be dry-run (mcp-playbooks run --dry-run) but not run for real.")]
    [InlineData(
        "choose retry_step or skip_step for it first (control_execution action retry_step or skip_step with its step_id); either one lets the execution go on.",
        "choose retry_step or skip_step for it first ('mcp-playbooks control ex-1 retry_step --step STEP', or skip_step); either one lets the execution go on.")]
    [InlineData(
        "only oncall may decide it (an entry is an identity or a role). Ask one of them to call approve_step.",
        "only oncall may decide it (an entry is an identity or a role). Ask one of them to run 'mcp-playbooks approve ex-1 STEP'.")]
    [InlineData(
        "cannot pause execution ex-1: it is completed, which is final: no action is allowed; start a new execution with execute_playbook.",
        "cannot pause execution ex-1: it is completed, which is final: no action is allowed; start a new one with 'mcp-playbooks run'.")]
    [InlineData(
        "it is running now; wait for it to end, or use control_execution action pause or cancel",
        "it is running now; wait for it to end, or use 'mcp-playbooks control ex-1 pause' or cancel")]
    [InlineData(
        "it waits at its approval gate; decide it with approve_step",
        "it waits at its approval gate; decide it with 'mcp-playbooks approve ex-1 STEP'")]
    [InlineData(
        "execution ex-1 is a dry run: it ran nothing. Start a real run with execute_playbook and dry_run: false.",
        "execution ex-1 is a dry run: it ran nothing. Start a real run with 'mcp-playbooks run', without --dry-run.")]
    [InlineData(
        "no execution 'ex-nope' in this data directory; list_executions shows the recent ones (ids look like ex-0193…).",
        "no execution 'ex-nope' in this data directory; 'mcp-playbooks history' lists the recent ones (ids look like ex-0193…).")]
    public void Of_EngineAdvice_NamesCommands(string engine, string cli)
    {
        Assert.Equal(cli, CliWording.Of(engine, "ex-1", "p"));
    }
}
