namespace McpPlaybooks.Engine.Text;

/// <summary>
/// Why a playbook's regular expression cannot be used (<see cref="PlaybookRegex.Problem"/>): <see cref="Message"/> ends a
/// sentence that starts with the pattern's name, <see cref="Offset"/> is where in the pattern the problem is (null: the whole pattern), and
/// <see cref="Unsupported"/> tells a valid .NET pattern the linear-time engine refuses from one that does not parse.
/// </summary>
public sealed record PatternProblem(int? Offset, string Message, bool Unsupported, string Fix);
