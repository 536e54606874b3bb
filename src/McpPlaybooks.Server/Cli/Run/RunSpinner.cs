using Spectre.Console;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>A live spinner naming the running steps while a run goes, on a terminal only (Spectre.Console's status display).</summary>
internal static class RunSpinner
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs <paramref name="work"/>, with the spinner when <paramref name="observer"/> prints for a styled terminal.</summary>
    public static async Task<T> WhileAsync<T>(HumanRunObserver? observer, bool styled, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (observer is null || !styled)
        {
            return await work();
        }

        return await observer.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(TerminalText.Safe(observer.RunningText)), async status =>
        {
            var running = work();
            while (!running.IsCompleted)
            {
                status.Status(Markup.Escape(TerminalText.Safe(observer.RunningText)));
                await Task.WhenAny(running, Task.Delay(Refresh, TimeProvider.System));
            }

            return await running;
        });
    }
}
