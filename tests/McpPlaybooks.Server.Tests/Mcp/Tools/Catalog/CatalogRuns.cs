using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>Runs a catalogue playbook on the test server's engine to the end, to give it a history.</summary>
internal static class CatalogRuns
{
    public static Task<ExecutionState> RunAsync(this McpTestServer server, string playbookId, string? version = null, bool dryRun = false)
    {
        var entry = server.Catalog.Current.Find(playbookId, version) ?? throw new InvalidOperationException($"{playbookId} is not in the catalogue");
        var binding = InputBinder.Bind(entry.Definition, new Dictionary<string, Engine.Expressions.Value>
        {
            ["service"] = Engine.Expressions.Value.From("web"),
        }.Where(p => entry.Definition.FindInput(p.Key) is not null).ToDictionary());
        return server.Engine.RunAsync(
            new ExecutionRequest { Playbook = entry.Definition, Content = entry.Content, Source = entry.Path, Inputs = binding.Values, DryRun = dryRun, StartedBy = "test" },
            observer: null,
            CancellationToken.None);
    }
}
