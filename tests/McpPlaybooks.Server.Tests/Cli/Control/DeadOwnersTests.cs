using System.Diagnostics;
using McpPlaybooks.Engine.History.Location;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Tests.Cli.Control;

public sealed class DeadOwnersTests
{
    [Fact]
    public void IsGoneFromThisHost_ProcessThatExited_True()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();

        Assert.True(DeadOwners.IsGoneFromThisHost($"{Environment.MachineName}:{process.Id}:abcd1234"));
    }

    [Fact]
    public void IsGoneFromThisHost_LiveProcess_False()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/cat") { UseShellExecute = false, RedirectStandardInput = true })!;
        try
        {
            Assert.False(DeadOwners.IsGoneFromThisHost($"{Environment.MachineName}:{process.Id}:abcd1234"));
        }
        finally
        {
            process.StandardInput.Close();
            process.WaitForExit();
        }
    }

    [Theory]
    [InlineData("another-host:1:abcd1234")]
    [InlineData("not an owner id")]
    public void IsGoneFromThisHost_OtherHostOrUnknownForm_FalseSinceNobodyCanTell(string owner)
    {
        Assert.False(DeadOwners.IsGoneFromThisHost(owner));
    }

    [Fact]
    public void IsGoneFromThisHost_ThisProcess_False()
    {
        Assert.False(DeadOwners.IsGoneFromThisHost($"{Environment.MachineName}:{Environment.ProcessId}:abcd1234"));
    }

    [Fact]
    public void IsKnownGone_ProcessOfThisHostThatExited_GoneOnSqliteOnlyNotOnASharedPostgres()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();
        var owner = $"{Environment.MachineName}:{process.Id}:abcd1234";

        Assert.True(DeadOwners.IsKnownGone(owner, StoreKind.Sqlite));
        Assert.False(DeadOwners.IsKnownGone(owner, StoreKind.Postgres));
    }
}
