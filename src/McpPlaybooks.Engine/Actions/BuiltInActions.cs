using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Actions.Handlers;
using McpPlaybooks.Engine.Actions.Http;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Configuration;

namespace McpPlaybooks.Engine.Actions;

/// <summary>The runtimes of the built-in actions of design §2.</summary>
public static class BuiltInActions
{
    internal static ActionRegistry Create(EngineOptions options, HttpClient http, TimeProvider time, IExecutionServices engine) => new(
    [
        new ShellActionHandler(options, time),
        new HttpActionHandler(http, options, time),
        new NotifyActionHandler(http, options, time),
        new WaitForActionHandler(http, options, time),
        new SetActionHandler(),
        new AssertActionHandler(),
        new LogActionHandler(),
        new WaitActionHandler(time),
        new ApprovalActionHandler(),
        new EventActionHandler(engine, time),
        new PlaybookActionHandler(engine),
    ]);
}
