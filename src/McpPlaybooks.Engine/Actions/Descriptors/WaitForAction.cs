using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class WaitForAction
{
    public static ActionDescriptor Descriptor { get; } = new("wait_for", "Polls until an HTTP status or an expression holds.")
    {
        Parameters =
        [
            Of("http", ParameterKind.Object, "poll a URL until it answers a status") with
            {
                Properties =
                [
                    Of("url", ParameterKind.String, "the URL to poll", required: true),
                    Of("status", ParameterKind.Integer, "the status to wait for; 200 when absent"),
                ],
            },
            Of("that", ParameterKind.Expression, "a bare expression to wait for, such as steps.check.output.status == 200"),
            Of("interval", ParameterKind.Duration, "the time between polls"),
            Of("timeout", ParameterKind.Duration, "how long to poll before failing"),
            HttpAction.AllowUrlSyntax,
        ],
        ExactlyOneOf = [["http", "that"]],
        Outputs = ["attempts"],
        IsIdempotent = static _ => true,
    };
}
