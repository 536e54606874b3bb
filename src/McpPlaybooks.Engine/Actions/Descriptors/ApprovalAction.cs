using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class ApprovalAction
{
    public static ActionDescriptor Descriptor { get; } = new("approval", "A human gate on its own.")
    {
        Parameters =
        [
            Of("message", ParameterKind.String, "what the approver is asked"),
            Of("approvers", ParameterKind.StringList, "identities or roles that may approve"),
            Of("min_approvals", ParameterKind.Integer, "how many approvals are needed"),
            Of("timeout", ParameterKind.Duration, "how long to wait for a decision"),
            Of("on_timeout", ParameterKind.String, "what happens at the timeout") with { AllowedValues = ["reject", "approve", "skip"] },
            Of("separate_approver", ParameterKind.Boolean, "the identity that started the execution may not approve"),
        ],
        Outputs = ["decisions"],
    };
}
