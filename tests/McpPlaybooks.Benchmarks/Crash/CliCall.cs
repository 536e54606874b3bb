namespace McpPlaybooks.Benchmarks.Crash;

/// <summary>Runs the built server executable with these arguments and extra environment variables, in the crash run's directory.</summary>
internal delegate Task<CliCallResult> CliCall(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment);
