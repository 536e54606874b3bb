using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Actions.Handlers;
using McpPlaybooks.Engine.Actions.Http;
using McpPlaybooks.Engine.Actions.Shell;
using McpPlaybooks.Engine.Configuration;

namespace McpPlaybooks.Engine.Actions;

/// <summary>The runtimes of the built-in actions of design §2.</summary>
public static class BuiltInActions
{
    public static ActionRegistry Create(EngineOptions options, HttpClient http, TimeProvider time) => new(
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
        new UnavailableActionHandler(EventAction.Descriptor, "waiting for a signal needs execution control, which arrives with issue #4"),
        new UnavailableActionHandler(PlaybookAction.Descriptor, "child executions arrive with issue #4"),
    ]);
}
