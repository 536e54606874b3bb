using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>Everything <c>run</c> checked before the engine opens: what to run, where its history is, and the engine's configuration.</summary>
internal sealed record PreparedRun(ExecutionRequest Request, HistoryTarget History, EngineOptions Options);
