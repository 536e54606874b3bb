using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Hosting;

/// <summary>
/// Runs the stdio server's services without the generic host: starts the hosted services in the order they were registered,
/// knows when the MCP session ended (the SDK runs it as a <see cref="BackgroundService"/>, which ends when the client closes
/// stdin), and stops them in reverse order. The generic host adds nothing a stdio server uses (its configuration and
/// environment are unused, and the command's token already carries Ctrl+C and SIGTERM), and building its own services
/// cost the native executable several milliseconds of every start.
/// </summary>
internal sealed class StdioHost(IServiceProvider services)
{
    private readonly List<IHostedService> _started = [];

    /// <summary>Completes when the MCP session has ended (normally: the client closed stdin), or faults with its error.</summary>
    public Task SessionEnded { get; private set; } = Task.CompletedTask;

    /// <summary>Starts each hosted service in turn; one that fails stops those started before it, and its error is thrown.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.GetServices<IHostedService>())
        {
            try
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                try
                {
                    await StopAsync().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // the start's error is the one to report
                }

                throw;
            }

            _started.Add(service);
        }

        var sessions = _started.OfType<BackgroundService>().Select(s => s.ExecuteTask).OfType<Task>().ToList();
        SessionEnded = sessions.Count switch
        {
            0 => Task.CompletedTask,
            1 => sessions[0],
            _ => Task.WhenAny(sessions).Unwrap(),
        };
    }

    /// <summary>
    /// Stops the started services, the last started first (a background service's work is cancelled and awaited); an error
    /// stopping one does not keep the others running, and is thrown once all have stopped.
    /// </summary>
    public async Task StopAsync()
    {
        var errors = new List<Exception>();
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            try
            {
                await _started[i].StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        _started.Clear();
        if (errors.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[0]);
        }

        if (errors.Count > 1)
        {
            throw new AggregateException(errors);
        }
    }
}
