using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

// MCP log messages are deprecated from protocol 2026-07-28; the server pins 2025-11-25, where they are current.
#pragma warning disable MCP9005

namespace McpPlaybooks.Server.Tests.Mcp.EndToEnd;

/// <summary>What the built server streams over stdio while a call waits: progress per step transition, log lines as MCP log messages.</summary>
public sealed class NotificationEndToEndTests(StdioServerFixture shared) : IClassFixture<StdioServerFixture>
{
    [Fact]
    public async Task ExecutePlaybook_WithAProgressToken_OneProgressNotificationPerStepTransition()
    {
        var client = shared.Server.Client;
        await using var heard = HeardNotifications<ProgressNotificationParams>.Listen(client, NotificationMethods.ProgressNotification);

        // Passing progress makes the client send a token; the session listener hears every notification, late ones too.
        var state = await client.CallOkAsync("execute_playbook", new { playbook_id = "levels", idempotency_key = "progress", wait_seconds = 30 }, new HeardNotifications<ProgressNotificationValue>());
        var notifications = await heard.ReadUntilAsync(read => read.Any(n => n.Progress.Message?.Contains("(5 of 5 steps done)", StringComparison.Ordinal) == true));
        await client.PingAsync();

        Assert.Equal("completed", state.Str("status"));
        Assert.Single(notifications.Select(n => n.ProgressToken.ToString()).Distinct());
        Assert.Equal(
            [
                "0.5/5 step 'run' running (0 of 5 steps done)",
                "1/5 step 'run' completed (1 of 5 steps done)",
                "2/5 step 'debug' completed (2 of 5 steps done)",
                "3/5 step 'info' completed (3 of 5 steps done)",
                "4/5 step 'warning' completed (4 of 5 steps done)",
                "5/5 step 'error' completed (5 of 5 steps done)",
            ],
            notifications.Concat(heard.Drain()).OrderBy(n => n.Progress.Progress)
                .Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Progress.Progress}/{n.Progress.Total} {n.Progress.Message}")));
    }

    [Fact]
    public async Task ExecutePlaybook_LoggingLevelInfoThenWarning_SendsTheLogLinesAtOrAboveTheLevel()
    {
        var client = shared.Server.Client;
        await using var messages = HeardNotifications<LoggingMessageNotificationParams>.Listen(client, NotificationMethods.LoggingMessageNotification);

        await client.SetLoggingLevelAsync(LoggingLevel.Info);
        var atInfo = await RunAndHearAsync(messages, "at-info");
        await client.SetLoggingLevelAsync(LoggingLevel.Warning);
        var atWarning = await RunAndHearAsync(messages, "at-warning");

        Assert.Equal(["Info info an info line", "Warning warning a warning line", "Error error an error line"], Lines(atInfo, "info", "warning", "error"));
        Assert.All(atInfo, m => Assert.True(m.Level >= LoggingLevel.Info, $"{m.Level} {m.Data}"));
        Assert.DoesNotContain(atInfo, m => m.Data.ToString().Contains("a debug line", StringComparison.Ordinal));
        Assert.Equal(["Warning warning a warning line", "Error error an error line"], Lines(atWarning, "debug", "info", "warning", "error"));
        Assert.All(atWarning, m => Assert.True(m.Level >= LoggingLevel.Warning, $"{m.Level} {m.Data}"));
    }

    /// <summary>Runs <c>levels</c> to its end and returns the log messages of that execution, up to its error line and any that came with it.</summary>
    private async Task<IReadOnlyList<LoggingMessageNotificationParams>> RunAndHearAsync(HeardNotifications<LoggingMessageNotificationParams> messages, string key)
    {
        var state = await shared.Server.Client.CallOkAsync("execute_playbook", new { playbook_id = "levels", idempotency_key = key, wait_seconds = 30 });
        Assert.Equal("completed", state.Str("status"));
        var logger = "execution/" + state.Str("execution_id");
        var read = await messages.ReadUntilAsync(read => read.Any(m => m.Logger == logger && m.Data.Str("message") == "an error line"));
        await shared.Server.Client.PingAsync();
        return [.. read.Concat(messages.Drain()).Where(m => m.Logger == logger)];
    }

    /// <summary>The lines of the given steps, "Level step message", by level.</summary>
    private static string[] Lines(IEnumerable<LoggingMessageNotificationParams> messages, params string[] steps) =>
        [.. messages.Where(m => steps.Contains(m.Data.Str("step_id"))).OrderBy(m => m.Level).Select(m => $"{m.Level} {m.Data.Str("step_id")} {m.Data.Str("message")}")];
}
