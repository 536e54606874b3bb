using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.Text;
using ModelContextProtocol;

namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>
/// Checks that a prompt's ids name something, as completions read them: <c>playbook_id</c> and <c>based_on</c> a catalogue
/// playbook, <c>execution_id</c> a recorded execution. An unknown one is a protocol error (invalid params) with a "did you
/// mean" and the tool that finds one, so that no prompt sends a model after something that does not exist.
/// </summary>
internal sealed class PromptReferences(PlaybookEngine engine, PlaybookCatalog catalog)
{
    public static readonly IReadOnlyList<string> PlaybookArguments = ["playbook_id", "based_on"];

    public const string ExecutionArgument = "execution_id";

    public async Task CheckAsync(PromptCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        foreach (var (name, value) in call.Values.Where(v => !string.IsNullOrWhiteSpace(v.Value)))
        {
            if (PlaybookArguments.Contains(name, StringComparer.Ordinal))
            {
                var ids = catalog.Current.Ids;
                if (!ids.Contains(value, StringComparer.Ordinal))
                {
                    throw Unknown(call, name, $"no playbook '{Echo.Of(value)}' in the catalogue{Hint(value, ids)}; list_playbooks finds one");
                }
            }
            else if (name == ExecutionArgument && await engine.History.GetExecutionAsync(value, cancellationToken).ConfigureAwait(false) is null)
            {
                var recent = await engine.History.ListExecutionsAsync(new ExecutionQuery { Limit = 20 }, cancellationToken).ConfigureAwait(false);
                throw Unknown(call, name, $"no execution '{Echo.Of(value)}'{Hint(value, recent.Executions.Select(e => e.Id))}; list_executions finds one");
            }
        }
    }

    private static McpProtocolException Unknown(PromptCall call, string argument, string what) =>
        new($"Prompt '{call.Prompt.Name}' was given {argument} = {what}.", McpErrorCode.InvalidParams);

    private static string Hint(string value, IEnumerable<string> known) =>
        Suggestions.DidYouMean(value, known) is { Length: > 0 } hint ? $" ({hint})" : "";
}
