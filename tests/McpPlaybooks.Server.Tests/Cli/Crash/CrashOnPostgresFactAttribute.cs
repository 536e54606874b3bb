namespace McpPlaybooks.Server.Tests.Cli.Crash;

/// <summary>
/// A kill-point sweep on a PostgreSQL history: some 40 processes of the built server a test, about 20 s of the suite's two
/// cores under the JIT, so it runs when <c>MCPPLAYBOOKS_CRASH_POSTGRES=1</c> is set, as CI sets it for its run of the
/// end-to-end and crash tests against the native executable (where a process costs a fifth as much).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class CrashOnPostgresFactAttribute : FactAttribute
{
    public const string Variable = "MCPPLAYBOOKS_CRASH_POSTGRES";

    public CrashOnPostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a crash sweep on PostgreSQL; set {Variable}=1 to run it (CI does, against the native executable)";
        }
    }
}
