using McpPlaybooks.Engine.Execution.Control;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>The steps of one execution in a <see cref="ResumeReport"/>: re-run (idempotent) and interrupted (not).</summary>
internal static class ResumedSteps
{
    /// <summary>The steps re-run on resume; the report names them <c>execution/step</c>.</summary>
    public static IReadOnlyList<string> Rerun(ResumeReport report, string executionId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var prefix = executionId + "/";
        return [.. report.Rerun.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Select(name => name[prefix.Length..])];
    }

    public static IReadOnlyList<string> Interrupted(ResumeReport report, string executionId)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Interrupted.Where(step => step.ExecutionId == executionId).Select(step => step.StepId)];
    }

    /// <summary>Two reports as one: the executions and steps of both, each once.</summary>
    public static ResumeReport Merge(ResumeReport first, ResumeReport second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new ResumeReport(
            [.. first.Resumed.Concat(second.Resumed).Distinct(StringComparer.Ordinal)],
            [.. first.Interrupted.Concat(second.Interrupted).Distinct()],
            [.. first.Rerun.Concat(second.Rerun).Distinct(StringComparer.Ordinal)]);
    }
}
