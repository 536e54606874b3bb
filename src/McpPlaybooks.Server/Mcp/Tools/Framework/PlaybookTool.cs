using System.Globalization;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp.Waiting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpPlaybooks.Server.Mcp.Tools.Framework;

/// <summary>
/// The base of every tool: declares it from a <see cref="ToolDefinition"/>, checks the caller's role (when tokens are on,
/// see <see cref="HttpCaller"/> and <see cref="RoleChecks.MissingCaller"/>: a call without a token is then refused) and then the arguments before <see cref="ExecuteAsync"/> runs, and turns the errors a caller can fix into <c>isError</c> results that say what to do:
/// bad arguments, <see cref="ToolErrorException"/>, the engine's refusals and invalid inputs. A call that answers a gate asked by a
/// round trip (protocol 2026-07-28) resumes the wait instead of acting again (<see cref="GateResumption"/>).
/// </summary>
internal abstract partial class PlaybookTool : McpServerTool
{
    private readonly ILogger _logger;
    private readonly Tool _tool;
    private readonly NullPlan _nulls;

    protected PlaybookTool(ToolDefinition definition, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        _logger = logger;
        _nulls = NullPlan.Of(definition.OutputSchema);
        _tool = new Tool
        {
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            InputSchema = ToolSchemas.Input(definition.Parameters),
            OutputSchema = definition.OutputSchema,
            // The spec gives destructiveHint and idempotentHint meaning only when readOnlyHint is false: a read-only tool
            // leaves them out, to keep tools/list small.
            Annotations = new ToolAnnotations
            {
                ReadOnlyHint = definition.ReadOnly,
                DestructiveHint = definition.ReadOnly ? null : definition.Destructive,
                IdempotentHint = definition.ReadOnly ? null : definition.Idempotent,
                OpenWorldHint = definition.OpenWorld,
            },
        };
    }

    public ToolDefinition Definition { get; }

    public override Tool ProtocolTool => _tool;

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = HttpCaller.From(request.User);
        if (RoleChecks.MissingCaller(request.Services, caller))
        {
            return ToolResult.Error(RoleRefusals.NoCaller("calling " + Definition.Name));
        }

        if (caller is not null && !ServerRoles.Grants(caller.Roles, Definition.Role))
        {
            return ToolResult.Error(RoleRefusals.ForTool(caller, Definition.Name, Definition.Role, Allowed(request.Server, caller)));
        }

        var arguments = ToolArgumentParser.Parse(Definition.Parameters, request.Params?.Arguments, out var problems);
        if (problems.Count > 0)
        {
            return ToolResult.Error($"{Definition.Name} was called with invalid arguments:\n{ProblemList.Of(problems)}\nFix them and call {Definition.Name} again.");
        }

        try
        {
            var call = new ToolCall(request, arguments);
            var result = GateRoundTrip.Resuming(call, Definition.Name) is { } resume
                ? await GateResumption.ResumeAsync(call, resume, cancellationToken).ConfigureAwait(false)
                : await ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
            return result.ToCallToolResult(_nulls, request.Server.NegotiatedProtocolVersion);
        }
        catch (ToolErrorException e)
        {
            return ToolResult.Error(e.Message);
        }
        catch (ExecutionRefusedException e)
        {
            return ToolResult.Error(Refusal(e));
        }
        catch (InvalidInputsException e)
        {
            return ToolResult.Error($"the inputs do not fit the playbook:\n{ProblemList.Of(e.Problems.Count > 0 ? e.Problems : [e.Message])}\nCall get_playbook to see its inputs, then call {Definition.Name} again.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Engine.History.HistoryWriteException or System.Data.Common.DbException)
        {
            LogFailed(_logger, Definition.Name, e);
            return ToolResult.Error($"{Definition.Name} failed on the server's storage: {e.Message}. Nothing was lost that was recorded before; check the data directory (disk space, permissions), then call {Definition.Name} again.");
        }
    }

    /// <summary>Runs the tool with checked arguments; throws <see cref="ToolErrorException"/> for a problem the caller can fix.</summary>
    protected abstract Task<ToolResult> ExecuteAsync(ToolCall call, CancellationToken cancellationToken);

    /// <summary>The tools <paramref name="caller"/> may call, in <c>tools/list</c>'s order.</summary>
    private static List<string> Allowed(McpServer server, HttpCaller caller) =>
        [.. (server.ServerOptions.ToolCollection ?? []).OfType<PlaybookTool>()
            .Where(tool => ServerRoles.Grants(caller.Roles, tool.Definition.Role))
            .Select(tool => tool.Definition.Name)];

    /// <summary>A refusal as the caller reads it: the engine's sentence, the rule, and when to try again.</summary>
    internal static string Refusal(ExecutionRefusedException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var rule = refusal.Rule is null ? "" : $" (rule: {refusal.Rule})";
        var retry = refusal.RetryAt is { } at ? $" Try again at {at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}." : "";
        return $"refused{rule}: {refusal.Message}{retry}";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed")]
    private static partial void LogFailed(ILogger logger, string tool, Exception exception);
}
