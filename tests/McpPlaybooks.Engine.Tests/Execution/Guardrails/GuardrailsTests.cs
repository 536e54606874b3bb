using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Guardrails;
using GuardrailRules = McpPlaybooks.Engine.Execution.Guardrails.Guardrails;

namespace McpPlaybooks.Engine.Tests.Execution.Guardrails;

public sealed class GuardrailsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_NoSafety_AllowsAnything()
    {
        var facts = new GuardrailFacts([Now, Now, Now], ["ex-1", "ex-2"], null);

        Assert.Null(GuardrailRules.Check("p", SafetyDefinition.None, facts, Now));
    }

    [Fact]
    public void Check_DryRunFirstWithoutDryRun_TellsToDryRunFirst()
    {
        var refusal = GuardrailRules.Check("restart", new SafetyDefinition { DryRunFirst = true }, GuardrailFacts.None, Now);

        Assert.NotNull(refusal);
        Assert.Equal("dry_run_first", refusal.Rule);
        Assert.Null(refusal.RetryAt);
        Assert.Contains("there is no successful dry run of this version with these inputs in the last hour", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Call execute_playbook with dry_run: true and the same playbook version and inputs first", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DryRunFirstWithAnOldDryRun_SaysWhenItWas()
    {
        var facts = GuardrailFacts.None with { LastMatchingDryRun = Now.AddHours(-1) };

        var refusal = GuardrailRules.Check("restart", new SafetyDefinition { DryRunFirst = true }, facts, Now);

        Assert.NotNull(refusal);
        Assert.Contains("ended at 2026-01-01T11:00:00Z, more than an hour ago", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DryRunFirstWithARecentDryRun_Allows()
    {
        var facts = GuardrailFacts.None with { LastMatchingDryRun = Now.AddMinutes(-59) };

        Assert.Null(GuardrailRules.Check("restart", new SafetyDefinition { DryRunFirst = true }, facts, Now));
    }

    [Fact]
    public void Check_MaxConcurrentReached_NamesUpToThreeActiveRuns()
    {
        var facts = GuardrailFacts.None with { ActiveExecutionIds = ["ex-1", "ex-2", "ex-3", "ex-4", "ex-5"] };

        var refusal = GuardrailRules.Check("restart", new SafetyDefinition { MaxConcurrent = 5 }, facts, Now);

        Assert.NotNull(refusal);
        Assert.Equal("max_concurrent", refusal.Rule);
        Assert.Null(refusal.RetryAt);
        Assert.Contains("5 of its executions are active and the limit is 5 (ex-1, ex-2, ex-3 and 2 more)", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("when one of them ends, or cancel one with control_execution", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ex-4", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MaxConcurrentBelowLimit_Allows()
    {
        var facts = GuardrailFacts.None with { ActiveExecutionIds = ["ex-1"] };

        Assert.Null(GuardrailRules.Check("restart", new SafetyDefinition { MaxConcurrent = 2 }, facts, Now));
    }

    [Fact]
    public void Check_MaxPerHourReached_RetryAtIsTheOldestStartPlusAnHour()
    {
        var facts = GuardrailFacts.None with { StartsInLastHour = [Now.AddMinutes(-10), Now.AddMinutes(-50), Now.AddMinutes(-30)] };

        var refusal = GuardrailRules.Check("restart", new SafetyDefinition { MaxExecutionsPerHour = 3 }, facts, Now);

        Assert.NotNull(refusal);
        Assert.Equal("max_executions_per_hour", refusal.Rule);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 10, 0, TimeSpan.Zero), refusal.RetryAt);
        Assert.Equal(
            "refused by safety.max_executions_per_hour of playbook restart: 3 executions started in the last hour and the limit is 3. "
                + "It may run again at 2026-01-01T12:10:00Z.",
            refusal.Message);
    }

    [Fact]
    public void Check_MaxPerHourOverLimit_RetryAtIsWhenTheCountFallsBelowIt()
    {
        // Four starts against a limit of 2 (the limit was lowered): three must leave the window to go below it, the third at 11:40 + 1h.
        var facts = GuardrailFacts.None with
        {
            StartsInLastHour = [Now.AddMinutes(-5), Now.AddMinutes(-20), Now.AddMinutes(-30), Now.AddMinutes(-40)],
        };

        var refusal = GuardrailRules.Check("restart", new SafetyDefinition { MaxExecutionsPerHour = 2 }, facts, Now);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 40, 0, TimeSpan.Zero), refusal?.RetryAt);
    }

    [Fact]
    public void Check_MaxPerHour_IgnoresStartsOutsideTheWindow()
    {
        var facts = GuardrailFacts.None with { StartsInLastHour = [Now.AddMinutes(-60), Now.AddMinutes(-61), Now.AddMinutes(-1)] };

        Assert.Null(GuardrailRules.Check("restart", new SafetyDefinition { MaxExecutionsPerHour = 2 }, facts, Now));
    }

    [Fact]
    public void Check_MaxPerHour_CountsAStartStampedAfterNow()
    {
        // Another process recorded it, by a clock a little ahead of this one's: the transaction that records a start counts it too.
        var facts = GuardrailFacts.None with { StartsInLastHour = [Now.AddMilliseconds(5)] };

        Assert.Equal("max_executions_per_hour", GuardrailRules.Check("restart", new SafetyDefinition { MaxExecutionsPerHour = 1 }, facts, Now)?.Rule);
    }

    [Fact]
    public void Check_MaxPerHourAtRetryAt_Allows()
    {
        var facts = GuardrailFacts.None with { StartsInLastHour = [Now.AddMinutes(-50)] };
        var safety = new SafetyDefinition { MaxExecutionsPerHour = 1 };
        var retryAt = GuardrailRules.Check("restart", safety, facts, Now)?.RetryAt;

        Assert.NotNull(retryAt);
        Assert.NotNull(GuardrailRules.Check("restart", safety, facts, retryAt.Value.AddTicks(-1)));
        Assert.Null(GuardrailRules.Check("restart", safety, facts, retryAt.Value));
    }

    [Fact]
    public void Check_SeveralRulesBroken_ReportsDryRunFirstThenConcurrentThenPerHour()
    {
        var safety = new SafetyDefinition { DryRunFirst = true, MaxConcurrent = 1, MaxExecutionsPerHour = 1 };
        var facts = new GuardrailFacts([Now.AddMinutes(-1)], ["ex-1"], null);

        Assert.Equal("dry_run_first", GuardrailRules.Check("p", safety, facts, Now)?.Rule);
        Assert.Equal("max_concurrent", GuardrailRules.Check("p", safety, facts with { LastMatchingDryRun = Now }, Now)?.Rule);
        Assert.Equal(
            "max_executions_per_hour",
            GuardrailRules.Check("p", safety, facts with { LastMatchingDryRun = Now, ActiveExecutionIds = [] }, Now)?.Rule);
    }
}
