using McpPlaybooks.Engine.Definitions;
using Polly;

namespace McpPlaybooks.Engine.Resilience;

/// <summary>Builds the Polly retry pipeline of a step from its <see cref="RetrySettings"/>.</summary>
public static class StepRetryPipeline
{
    public static ResiliencePipeline Create(RetrySettings settings, Func<Exception, ErrorCategory> categorize, TimeProvider time, Action<RetryNotice>? onRetry) =>
        throw new NotImplementedException();
}
