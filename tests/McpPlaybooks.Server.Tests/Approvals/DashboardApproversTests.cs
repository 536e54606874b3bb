using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Server.Approvals;
using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Tests.Approvals;

/// <summary>Who a dashboard decision is recorded as: the token's holder with its roles, or the local user with only what <c>Approvals:Users</c> maps it to.</summary>
public sealed class DashboardApproversTests
{
    private static readonly ApprovalSettings Mapped = new()
    {
        Users = new Dictionary<string, MappedUser>(StringComparer.Ordinal) { ["ops"] = new MappedUser("alice", ["oncall"]) },
    };

    [Fact]
    public void Dashboard_WithTokens_TheTokensIdentityIsTheNameAndItsRolesCount()
    {
        var who = Approvers.Dashboard(new HttpCaller("dana", ["approver", "oncall"]), local: false, "ops", Mapped);

        Assert.Equal((ApprovalChannel.Dashboard, "dana", "dana"), (who.Channel, who.Identity, who.Name));
        Assert.Equal(["approver", "oncall"], who.Roles);
        Assert.True(who.Verified);
    }

    [Fact]
    public void Dashboard_LocalUserNotMapped_NoNameAndNoRoles_TheServerRoleAdminIsNotAGateRole()
    {
        var who = Approvers.Dashboard(new HttpCaller("local:dev", [ServerRoles.Admin]), local: true, "dev", Mapped);

        Assert.Equal((ApprovalChannel.Dashboard, "local:dev", null), (who.Channel, who.Identity, who.Name));
        Assert.Empty(who.Roles);
    }

    [Fact]
    public void Dashboard_LocalUserMapped_TheMappingsNameAndRoles()
    {
        var who = Approvers.Dashboard(new HttpCaller("local:ops", [ServerRoles.Admin]), local: true, "ops", Mapped);

        Assert.Equal(("local:ops", "alice"), (who.Identity, who.Name));
        Assert.Equal(["oncall"], who.Roles);
    }
}
