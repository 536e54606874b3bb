using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The inputs given on the command line, typed, before the binder checks them; or what is wrong with the arguments.</summary>
internal sealed record ParsedInputs(IReadOnlyDictionary<string, Value> Values, IReadOnlyList<string> Problems);
