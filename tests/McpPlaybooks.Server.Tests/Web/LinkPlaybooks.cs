namespace McpPlaybooks.Server.Tests.Web;

/// <summary>Playbooks for the approval page's tests.</summary>
internal static class LinkPlaybooks
{
    /// <summary>A gate anyone may decide (so a link issued for nobody counts), before a set step with a rendered argument.</summary>
    public const string Open = """
        id: linked
        name: Linked
        version: 1.0.0
        inputs:
          service: { type: string, default: "checkout<b>" }
        steps:
          - id: risky
            approval: { message: "Restart {{ inputs.service }}?" }
            action: set
            with: { target: "{{ inputs.service }}" }
        """;

    /// <summary>A gate only the role oncall may decide.</summary>
    public const string Oncall = """
        id: oncall-gate
        name: Oncall gate
        version: 1.0.0
        steps:
          - id: risky
            approval: { message: "Go?", approvers: [oncall] }
            action: set
            with: { done: true }
        """;

    /// <summary>A gate whose link is posted to a webhook (the test's receiver) when it opens.</summary>
    public static string Notified(Uri webhook) => $$"""
        id: notified
        name: Notified
        version: 1.0.0
        steps:
          - id: restart
            approval:
              message: "Restart?"
              notify: { webhook: "{{webhook}}", format: generic }
            action: set
            with: { done: true }
        """;
}
