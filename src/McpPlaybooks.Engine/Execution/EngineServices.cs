using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Resilience;
using McpPlaybooks.Engine.Secrets;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution;

/// <summary>What every execution in the process shares: configuration, action runtimes, breakers, secrets, clock, and where child playbooks are found.</summary>
internal sealed record EngineServices(
    EngineOptions Options,
    ActionRegistry Actions,
    CircuitBreakerRegistry Breakers,
    SecretStore Secrets,
    TimeProvider Time,
    ILogger Logger,
    string OwnerId)
{
    /// <summary>Where <c>playbook</c> steps (and their dry runs) find their children: <see cref="EngineOptions.PlaybookDirectories"/>.</summary>
    public Catalog.PlaybookResolver Playbooks { get; } = new(Options.PlaybookDirectories);
}
