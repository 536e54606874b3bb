using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// Who a dashboard caller decides gates as (channel <c>dashboard</c>): the token's holder when the server has tokens, else
/// the local user <c>local:&lt;os user&gt;</c> with the name and roles <c>Approvals:Users</c> maps that user to.
/// </summary>
internal sealed class DashboardDeciders(DashboardAccess access, ApprovalSettings approvals)
{
    /// <summary>The channel's name, as recorded on decisions and on the audit entries of dashboard controls.</summary>
    public const string Channel = "dashboard";

    public ApproverIdentity Of(HttpCaller caller) => Approvers.Dashboard(caller, local: !access.UsesTokens, access.OsUser, approvals);
}
