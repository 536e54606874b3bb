using static McpPlaybooks.Engine.Actions.ActionParameter;

namespace McpPlaybooks.Engine.Actions.Descriptors;

internal static class ShellAction
{
    public static ActionDescriptor Descriptor { get; } = new("shell", "Runs a program with an argument list, never through a shell.")
    {
        Parameters =
        [
            Of("command", ParameterKind.StringList, "the program and its arguments, one list item each: [systemctl, restart, \"{{ inputs.service }}\"]"),
            Of("script", ParameterKind.String, "a script for a real shell; only when the server's configuration allows it"),
            Of("env", ParameterKind.StringMap, "environment variables for the program"),
            Of("cwd", ParameterKind.String, "the working directory"),
            Of("stdin", ParameterKind.String, "text written to the program's standard input"),
            Of("allow_dash_args", ParameterKind.Boolean, "let a templated argument start with '-' (refused by default, against option injection)"),
            Of("allow_loader_env", ParameterKind.Boolean, "let a template set PATH, LD_*, DYLD_* or another loader or interpreter variable in env (refused by default)"),
        ],
        ExactlyOneOf = [["command", "script"]],
        Outputs = ["exit_code", "stdout", "stderr"],
        IsDestructive = static with => !ShellCommandEffects.IsReadOnly(with),
    };
}
