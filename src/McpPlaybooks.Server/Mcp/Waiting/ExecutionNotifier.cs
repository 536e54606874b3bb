using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

// MCP log messages are deprecated from protocol 2026-07-28; the server pins 2025-11-25, where they are current.
#pragma warning disable MCP9005

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// Tells the client of one call what the execution it waits on does: a progress notification per step transition (when
/// the call carried a progress token), and each log line as an MCP log message (when the client has set a level, at or
/// above it), with the logger <c>execution/&lt;id&gt;</c>.
/// </summary>
internal sealed partial class ExecutionNotifier(ToolCall call, ExecutionWatch watch, ILogger logger)
{
    private static readonly StepStatus[] Done = [StepStatus.Completed, StepStatus.Failed, StepStatus.Skipped, StepStatus.Cancelled, StepStatus.RolledBack];

    private readonly Dictionary<string, StepStatus> _statuses = new(watch.Seen, StringComparer.Ordinal);
    private float _progress;

    /// <summary>Sends what <paramref name="change"/> calls for, if anything; a client gone away is logged, not thrown.</summary>
    public async Task SendAsync(ExecutionEvent change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ExecutionId != watch.ExecutionId)
        {
            return;
        }

        try
        {
            if (change.Step is { } step)
            {
                await StepChangedAsync(step, cancellationToken).ConfigureAwait(false);
            }
            else if (change.Log is { } entry)
            {
                await LogWrittenAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or McpException or ObjectDisposedException)
        {
            LogNotifyFailed(logger, change.ExecutionId, e);
        }
    }

    /// <summary>The MCP level of an execution's log level.</summary>
    public static LoggingLevel LevelOf(ExecutionLogLevel level) => level switch
    {
        ExecutionLogLevel.Debug => LoggingLevel.Debug,
        ExecutionLogLevel.Info => LoggingLevel.Info,
        ExecutionLogLevel.Warning => LoggingLevel.Warning,
        _ => LoggingLevel.Error,
    };

    private async Task StepChangedAsync(StepState step, CancellationToken cancellationToken)
    {
        var before = _statuses.GetValueOrDefault(step.Id, StepStatus.Pending);
        if (before == step.Status)
        {
            return;
        }

        _statuses[step.Id] = step.Status;
        if (call.ProgressToken is not { } token)
        {
            return;
        }

        var total = Math.Max(watch.StepCount, _statuses.Count);
        var done = _statuses.Values.Count(s => Done.Contains(s));

        // Progress in steps, out of the playbook's steps: a finished step counts one, a started one half. It never goes
        // back: when a step goes again (a retry), it moves on by a hundredth.
        var started = _statuses.Values.Count(s => s != StepStatus.Pending && !Done.Contains(s));
        var progress = done + (0.5f * started);
        _progress = progress > _progress ? progress : _progress + 0.01f;
        var message = string.Create(CultureInfo.InvariantCulture, $"step '{step.Id}' {EnumNames.ToName(step.Status)} ({done} of {total} steps done)");
        await call.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = _progress, Total = total, Message = message }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task LogWrittenAsync(ExecutionLogRecord entry, CancellationToken cancellationToken)
    {
        var level = LevelOf(entry.Level);
        if (call.Server.LoggingLevel is not { } minimum || level < minimum)
        {
            return;
        }

        var data = new JsonObject { ["step_id"] = entry.StepId, ["message"] = OutputBounds.BoundString(entry.Message) };
        var notification = new LoggingMessageNotificationParams
        {
            Level = level,
            Logger = "execution/" + entry.ExecutionId,
            Data = ToElement(data),
        };
        await call.Server.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, notification, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The node as an element, written by the node itself (no reflection-based serializer).</summary>
    private static JsonElement ToElement(JsonObject data)
    {
        using var document = JsonDocument.Parse(data.ToJsonString());
        return document.RootElement.Clone();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A notification about execution {ExecutionId} could not be sent")]
    private static partial void LogNotifyFailed(ILogger logger, string executionId, Exception exception);
}
