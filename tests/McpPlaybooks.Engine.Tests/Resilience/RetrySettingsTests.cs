using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Tests.Resilience;

public sealed class RetrySettingsTests
{
    [Fact]
    public void Resolve_NothingSet_GivesTheEngineDefaults()
    {
        var settings = RetrySettings.Resolve(null, null);

        Assert.Equal(1, settings.MaxAttempts);
        Assert.Equal(BackoffKind.Exponential, settings.Backoff);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Delay);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxDelay);
        Assert.True(settings.Jitter);
        Assert.Equal(
            [ErrorCategory.Network, ErrorCategory.Timeout, ErrorCategory.Dependency, ErrorCategory.Temporary],
            settings.RetryOn.Order());
    }

    [Fact]
    public void Resolve_StepAndDefaults_FieldByFieldStepThenDefaultsThenEngine()
    {
        var step = new RetryDefinition { MaxAttempts = 5, Jitter = false };
        var defaults = new RetryDefinition { MaxAttempts = 3, Backoff = BackoffKind.Linear, Delay = TimeSpan.FromSeconds(2), Jitter = true };

        var settings = RetrySettings.Resolve(step, defaults);

        Assert.Equal(5, settings.MaxAttempts);
        Assert.Equal(BackoffKind.Linear, settings.Backoff);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Delay);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.MaxDelay);
        Assert.False(settings.Jitter);
        Assert.Same(RetrySettings.DefaultRetryOn, settings.RetryOn);
    }

    [Fact]
    public void Resolve_RetryOnFromDefaults_UsedWhenTheStepSaysNothing()
    {
        var settings = RetrySettings.Resolve(new RetryDefinition { MaxDelay = TimeSpan.FromMinutes(1) }, new RetryDefinition { RetryOn = [ErrorCategory.Resource] });

        Assert.Equal([ErrorCategory.Resource], settings.RetryOn);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.MaxDelay);
    }

    [Fact]
    public void Resolve_StepRetryOnSetButEmpty_RetriesNothing()
    {
        var settings = RetrySettings.Resolve(new RetryDefinition { RetryOn = [] }, new RetryDefinition { RetryOn = [ErrorCategory.Network] });

        Assert.Empty(settings.RetryOn);
    }

    [Fact]
    public void Resolve_MaxAttemptsBelowOne_IsOne()
    {
        Assert.Equal(1, RetrySettings.Resolve(new RetryDefinition { MaxAttempts = 0 }, null).MaxAttempts);
    }
}
