namespace McpPlaybooks.Server.Tests.Leasing;

/// <summary>
/// A slow test of many real processes (minutes): skipped unless <c>MCPPLAYBOOKS_SCALEOUT=1</c>, so the default
/// <c>dotnet test</c> stays fast; CI runs it in a step of its own (<c>--filter Category=ScaleOut</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ScaleOutTheoryAttribute : TheoryAttribute
{
    public const string Variable = "MCPPLAYBOOKS_SCALEOUT";

    public ScaleOutTheoryAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a scale-out test of real processes; set {Variable}=1 to run it";
        }
    }
}
