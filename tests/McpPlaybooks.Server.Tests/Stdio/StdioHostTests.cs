using McpPlaybooks.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpPlaybooks.Server.Tests.Stdio;

/// <summary>
/// The stdio server's host: the hosted services start in the order they were registered and stop in reverse, the session
/// (a background service) ending is seen, and a service that cannot start stops those started before it. (Registered with
/// AddSingleton: AddHostedService keeps one registration per implementation type.)
/// </summary>
public sealed class StdioHostTests
{
    [Fact]
    public async Task StartAndStop_RegistrationOrderThenReverse_SessionEndSeen()
    {
        var events = new List<string>();
        var session = new Session(events);
        var services = new ServiceCollection();
        services.AddSingleton<IHostedService>(new Recording("first", events));
        services.AddSingleton<IHostedService>(session);
        services.AddSingleton<IHostedService>(new Recording("last", events));
        await using var provider = services.BuildServiceProvider();
        var host = new StdioHost(provider);

        await host.StartAsync(CancellationToken.None);
        Assert.False(host.SessionEnded.IsCompleted);
        session.End();
        await host.SessionEnded.WaitAsync(TimeSpan.FromSeconds(30));
        await host.StopAsync();

        Assert.Equal(["start first", "start session", "start last", "session ended", "stop last", "stop session", "stop first"], events);
    }

    [Fact]
    public async Task Start_ServiceThrows_StopsThoseStartedAndThrowsItsError()
    {
        var events = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton<IHostedService>(new Recording("first", events));
        services.AddSingleton<IHostedService>(new Recording("broken", events, failStart: true));
        services.AddSingleton<IHostedService>(new Recording("never", events));
        await using var provider = services.BuildServiceProvider();
        var host = new StdioHost(provider);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));
        await host.StopAsync();

        Assert.Equal("broken cannot start", error.Message);
        Assert.Equal(["start first", "start broken", "stop first"], events);
    }

    [Fact]
    public async Task Start_TokenCancelled_SessionEnds()
    {
        var events = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton<IHostedService>(new Session(events));
        await using var provider = services.BuildServiceProvider();
        var host = new StdioHost(provider);
        using var stop = new CancellationTokenSource();

        await host.StartAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.SessionEnded.WaitAsync(TimeSpan.FromSeconds(30)));
        await host.StopAsync();

        Assert.Equal(["start session", "stop session"], events);
    }

    private sealed class Recording(string name, List<string> events, bool failStart = false) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lock (events)
            {
                events.Add("start " + name);
            }

            return failStart ? throw new InvalidOperationException(name + " cannot start") : Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            lock (events)
            {
                events.Add("stop " + name);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>As the SDK's stdio session: a background service that runs until it is ended or its token is cancelled.</summary>
    private sealed class Session(List<string> events) : BackgroundService
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End() => _end.TrySetResult();

        public override Task StartAsync(CancellationToken cancellationToken)
        {
            lock (events)
            {
                events.Add("start session");
            }

            return base.StartAsync(cancellationToken);
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            lock (events)
            {
                events.Add("stop session");
            }
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await _end.Task.WaitAsync(stoppingToken);
            lock (events)
            {
                events.Add("session ended");
            }
        }
    }
}
