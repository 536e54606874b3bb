namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Environment variables that decide what code a program loads or runs before its own: the search path, the
/// dynamic loader's (<c>LD_*</c>, <c>DYLD_*</c>), and the start-up hooks of shells and interpreters. A template
/// may set them only when the step opts in with <c>allow_loader_env: true</c>. Names compare ignoring case.
/// </summary>
internal static class LoaderVariables
{
    /// <summary>The step's opt-in; only a literal <c>true</c> counts, never a template.</summary>
    public const string OptIn = "allow_loader_env";

    private static readonly string[] Prefixes = ["LD_", "DYLD_", "BASH_FUNC_"];

    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "ENV", "BASH_ENV", "IFS", "SHELLOPTS", "BASHOPTS", "PS4", "PROMPT_COMMAND", "CDPATH",
        "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "NODE_OPTIONS", "NODE_PATH",
        "PERL5LIB", "PERL5OPT", "PERLLIB", "RUBYLIB", "RUBYOPT",
        "GCONV_PATH", "LOCPATH", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH",
    };

    /// <summary>What the messages call them.</summary>
    public const string Description = "PATH, LD_*, DYLD_* and the start-up variables of shells and interpreters (BASH_ENV, ENV, IFS, PYTHONPATH, NODE_OPTIONS, PERL5LIB...)";

    public static bool IsLoaderVariable(string name) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
