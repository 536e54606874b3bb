using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The inputs given on the command line, typed, before the binder checks them; or what is wrong with the arguments.</summary>
/// <param name="Values">The inputs that read well.</param>
/// <param name="Problems">What is wrong with the arguments, one sentence each.</param>
/// <param name="Unreadable">The names given with a value that did not read as the declared type: the binder's "required" is not news for them.</param>
/// <param name="Incomplete">An argument could not be read at all (bad JSON, no <c>=</c>): which inputs it gave is unknown.</param>
internal sealed record ParsedInputs(IReadOnlyDictionary<string, Value> Values, IReadOnlyList<string> Problems, IReadOnlySet<string> Unreadable, bool Incomplete)
{
    /// <summary>Whether the binder's <paramref name="problem"/> says only that an input the arguments may have given is missing.</summary>
    public bool Explains(string problem) =>
        problem.Contains("required", StringComparison.Ordinal)
        && (Incomplete || Unreadable.Any(name => problem.Contains($"'{name}'", StringComparison.Ordinal)));
}
