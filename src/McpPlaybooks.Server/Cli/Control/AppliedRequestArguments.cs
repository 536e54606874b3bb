using McpPlaybooks.Server.Cli.Run;

namespace McpPlaybooks.Server.Cli.Control;

/// <summary>What <c>approve</c> and <c>control</c> share: the execution, where its history is, and how to report.</summary>
/// <param name="ExecutionId">The execution the request is for.</param>
/// <param name="History">Where the history is (<c>--data-dir</c>, <c>--database</c>); null when that could not be read (said on stderr).</param>
/// <param name="Json">Print the §5 state as one JSON document on stdout, and nothing else.</param>
/// <param name="WaitSeconds">How long to wait for the execution to end or park again before printing.</param>
/// <param name="Done">What was done, for people: <c>approved step 'deploy' of execution ex-1 as cli:ada</c>.</param>
internal sealed record AppliedRequestArguments(string ExecutionId, HistoryTarget? History, bool Json, int WaitSeconds, string Done);
