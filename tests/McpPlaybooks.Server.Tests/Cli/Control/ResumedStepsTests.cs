using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Server.Cli.Control;

namespace McpPlaybooks.Server.Tests.Cli.Control;

public sealed class ResumedStepsTests
{
    private static readonly ResumeReport Report = new(
        ["ex-1", "ex-2"],
        [new InterruptedStep("ex-1", "deploy"), new InterruptedStep("ex-2", "notify")],
        ["ex-1/wait", "ex-1/check", "ex-10/other"]);

    [Fact]
    public void Rerun_ExecutionOfTheReport_OnlyItsStepsWithoutThePrefix()
    {
        Assert.Equal(["wait", "check"], ResumedSteps.Rerun(Report, "ex-1"));
        Assert.Empty(ResumedSteps.Rerun(Report, "ex-2"));
    }

    [Fact]
    public void Interrupted_ExecutionOfTheReport_OnlyItsSteps()
    {
        Assert.Equal(["notify"], ResumedSteps.Interrupted(Report, "ex-2"));
    }

    [Fact]
    public void Merge_TwoReports_EachExecutionAndStepOnce()
    {
        var second = new ResumeReport(["ex-2", "ex-3"], [new InterruptedStep("ex-3", "x")], ["ex-1/wait"]);

        var merged = ResumedSteps.Merge(Report, second);

        Assert.Equal(["ex-1", "ex-2", "ex-3"], merged.Resumed);
        Assert.Equal(3, merged.Interrupted.Count);
        Assert.Equal(["ex-1/wait", "ex-1/check", "ex-10/other"], merged.Rerun);
    }

    [Fact]
    public void Details_InterruptedAndRerun_OneClause()
    {
        Assert.Equal("; re-ran wait, check; interrupted deploy", CliEngine.Details(Report, "ex-1"));
        Assert.Equal("", CliEngine.Details(Report, "ex-9"));
    }
}
