using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>A host lifetime that listens to no signal: the listener beside stdio is stopped by <c>serve</c>, not by Ctrl+C or SIGTERM itself.</summary>
internal sealed class NoSignalsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
