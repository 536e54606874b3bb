namespace McpPlaybooks.Engine.Execution.Guardrails;

/// <summary>A real run a guardrail refused.</summary>
/// <param name="Rule">The rule, as its YAML key under <c>safety:</c> (<c>max_executions_per_hour</c>).</param>
/// <param name="Message">Which rule, the numbers, and when or how the run may go ahead.</param>
/// <param name="RetryAt">The earliest time the run may be allowed; null when it depends on something else (another run ending, a dry run).</param>
internal sealed record GuardrailRefusal(string Rule, string Message, DateTimeOffset? RetryAt);
