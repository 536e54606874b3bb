using System.Text.Json;
using System.Text.Json.Nodes;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Mcp.Results;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using McpPlaybooks.Server.Mcp.Waiting;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// <c>tasks/result</c>: waits until the task's execution has ended, then returns what the tool returns, the execution's
/// state. It hears the execution when this process runs it, and reads the history every poll interval otherwise (another
/// process runs it, or it waits for a person at a gate or a pause). The wait ends when the task expires: it is unknown then.
/// </summary>
internal sealed class TaskResults(PlaybookEngine engine, TimeProvider time)
{
    /// <summary>The key of <c>_meta</c> that ties a message to its task.</summary>
    public const string RelatedTaskKey = "io.modelcontextprotocol/related-task";

    /// <summary>How often the history is read while a final status is being committed.</summary>
    private static readonly TimeSpan CommitPoll = TimeSpan.FromMilliseconds(20);

    /// <param name="handle">The task.</param>
    /// <param name="protocolVersion">The client's protocol: a client before 2025-06-18 gets the state as text too.</param>
    /// <param name="cancellationToken">Stops the waiting.</param>
    public async Task<JsonNode> WaitAsync(ExecutionHandleRecord handle, string? protocolVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);

        // The task is unknown once its ttl has run out (tasks/get says so): the wait ends then, as unknown, rather than go on for good.
        using var expiry = handle.ExpiresAt is { } at ? new CancellationTokenSource(Max(at - time.GetUtcNow(), TimeSpan.Zero), time) : new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await WaitUntilEndedAsync(handle, protocolVersion, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TaskErrors.Unknown(handle.Id);
        }
    }

    private async Task<JsonNode> WaitUntilEndedAsync(ExecutionHandleRecord handle, string? protocolVersion, CancellationToken cancellationToken)
    {
        using var watch = await ExecutionWatch.FollowAsync(engine, handle.ExecutionId, cancellationToken).ConfigureAwait(false)
            ?? throw TaskErrors.Unknown(handle.Id);
        var state = watch.Initial!;
        while (!state.Status.IsFinal())
        {
            state = await engine.WaitAsync(handle.ExecutionId, handle.PollInterval, cancellationToken).ConfigureAwait(false);
            if (state.Status.IsFinal())
            {
                break;
            }

            await NextChangeAsync(watch, handle.PollInterval, cancellationToken).ConfigureAwait(false);
            state = await engine.GetStateAsync(handle.ExecutionId, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.Unknown(handle.Id);
        }

        await CommittedAsync(watch, handle, cancellationToken).ConfigureAwait(false);
        return ToJson(handle, state, protocolVersion);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The result of a task that follows <paramref name="state"/>: the tool's answer, tied to the task.</summary>
    public static JsonNode ToJson(ExecutionHandleRecord handle, ExecutionState state, string? protocolVersion)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var note = $"the result of task {handle.Id} ({handle.Origin}).";
        var result = ExecutionStateView.Result(state, note, ExecutionStateView.Summarize(state)).ToCallToolResult(ExecutionStateView.Nulls, protocolVersion);
        var json = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)))!.AsObject();
        var meta = json["_meta"] as JsonObject ?? [];
        meta[RelatedTaskKey] = new JsonObject { ["taskId"] = handle.Id };
        json["_meta"] = meta;
        return json;
    }

    /// <summary>
    /// Returns once the history holds the final status too: a run shows it a moment before its last write commits, and a
    /// caller acting on the result (starting the same playbook again, say) must find the execution ended.
    /// </summary>
    private async Task CommittedAsync(ExecutionWatch watch, ExecutionHandleRecord handle, CancellationToken cancellationToken)
    {
        while (await engine.History.GetExecutionAsync(handle.ExecutionId, cancellationToken).ConfigureAwait(false) is { } record && !record.Status.IsFinal())
        {
            await NextChangeAsync(watch, CommitPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns when the watch hears a change of the execution, or after <paramref name="poll"/>.</summary>
    private async Task NextChangeAsync(ExecutionWatch watch, TimeSpan poll, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heard = watch.States.WaitToReadAsync(stop.Token).AsTask();
        var timer = Task.Delay(poll, time, stop.Token);
        await Task.WhenAny(heard, timer).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        while (watch.States.TryRead(out _))
        {
            // drained: the state is read afresh
        }

        // Observe the cancelled one so that it does not go unobserved.
        await Task.WhenAll(heard.ContinueWith(_ => { }, TaskScheduler.Default), timer.ContinueWith(_ => { }, TaskScheduler.Default)).ConfigureAwait(false);
    }
}
