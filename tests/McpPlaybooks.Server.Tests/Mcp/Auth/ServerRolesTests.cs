using McpPlaybooks.Server.Hosting.Http.Auth;

namespace McpPlaybooks.Server.Tests.Mcp.Auth;

public sealed class ServerRolesTests
{
    [Theory]
    [InlineData("viewer", "viewer", true)]
    [InlineData("viewer", "operator", false)]
    [InlineData("viewer", "approver", false)]
    [InlineData("operator", "viewer", true)]
    [InlineData("operator", "operator", true)]
    [InlineData("operator", "approver", false)]
    [InlineData("approver", "viewer", true)]
    [InlineData("approver", "operator", false)]
    [InlineData("approver", "approver", true)]
    [InlineData("admin", "viewer", true)]
    [InlineData("admin", "operator", true)]
    [InlineData("admin", "approver", true)]
    [InlineData("admin", "admin", true)]
    [InlineData("operator,approver", "admin", false)]
    [InlineData("oncall", "viewer", false)]
    [InlineData("Operator", "operator", true)]
    [InlineData("", "viewer", false)]
    public void Grants_RoleTable_AsDesigned(string held, string needed, bool granted) =>
        Assert.Equal(granted, ServerRoles.Grants(held.Split(',', StringSplitOptions.RemoveEmptyEntries), needed));

    [Fact]
    public void Held_MixedRoles_OnlyServerRolesInOrder() =>
        Assert.Equal(["viewer", "approver"], ServerRoles.Held(["oncall", "approver", "viewer"]));
}
