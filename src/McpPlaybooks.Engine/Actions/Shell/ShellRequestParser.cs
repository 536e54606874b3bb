using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>Reads the rendered <c>with:</c> of a shell step into a <see cref="ShellRequest"/>, refusing what cannot run.</summary>
internal static class ShellRequestParser
{
    public static ShellRequest Parse(Value arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var command = arguments.Argument("command");
        var script = arguments.Argument("script");
        if ((command is null) == (script is null))
        {
            throw Invalid("a shell step takes exactly one of 'command' (a list: the program and its arguments) or 'script'");
        }

        return new ShellRequest(
            command is not null ? Command(command) : Script(script!),
            IsScript: script is not null,
            Environment(arguments.Argument("env")),
            Text(arguments.Argument("cwd"), "cwd"),
            Text(arguments.Argument("stdin"), "stdin"),
            AllowDashArguments: arguments.Argument("allow_dash_args") is { Kind: ValueKind.Boolean } allow && allow.AsBoolean());
    }

    private static string[] Command(Value command)
    {
        if (command.Kind != ValueKind.List)
        {
            throw Invalid($"'command' must be a list (the program, then one item per argument), but it is {Describe(command.Kind)}; a string is never split or given to a shell");
        }

        var items = command.AsList();
        if (items.Count == 0)
        {
            throw Invalid("'command' is empty: its first item must name the program to run");
        }

        var argv = new string[items.Count];
        for (var i = 0; i < argv.Length; i++)
        {
            var item = items[i];
            argv[i] = item.Kind switch
            {
                ValueKind.String => item.AsString(),
                ValueKind.Number or ValueKind.Boolean => item.ToDisplayString(),
                _ => throw Invalid($"argument {i} of the command is {Describe(item.Kind)}: each item must be one string, number or boolean (one argument each)"),
            };
            if (argv[i].Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"argument {i} of the command contains a NUL character, which no program argument can hold");
            }
        }

        if (argv[0].Length == 0)
        {
            throw Invalid("argument 0 of the command (the program) is empty");
        }

        return argv;
    }

    private static string[] Script(Value script)
    {
        if (script.Kind != ValueKind.String)
        {
            throw Invalid($"'script' must be a string, but it is {Describe(script.Kind)}");
        }

        var text = script.AsString();
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid("'script' contains a NUL character");
        }

        return [ShellRequest.ScriptShell, "-c", text];
    }

    private static KeyValuePair<string, string?>[] Environment(Value? env)
    {
        if (env is null)
        {
            return [];
        }

        if (env.Kind != ValueKind.Object)
        {
            throw Invalid($"'env' must be a map of names to values, but it is {Describe(env.Kind)}");
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in env.AsObject())
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"the environment variable name '{name}' is not valid: it must be non-empty, without '=' or NUL");
            }

            var text = value.Kind switch
            {
                ValueKind.Null => null,
                ValueKind.String or ValueKind.Number or ValueKind.Boolean => value.ToDisplayString(),
                _ => throw Invalid($"the environment variable {name} is {Describe(value.Kind)}: its value must be a string, number or boolean"),
            };
            if (text is not null && text.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"the environment variable {name} contains a NUL character");
            }

            pairs.Add(new(name, text));
        }

        return [.. pairs];
    }

    private static string? Text(Value? value, string name) => value switch
    {
        null => null,
        { Kind: ValueKind.String or ValueKind.Number or ValueKind.Boolean } => value.ToDisplayString(),
        _ => throw Invalid($"'{name}' must be a string, but it is {Describe(value.Kind)}"),
    };

    private static string Describe(ValueKind kind) => (kind == ValueKind.Object ? "an " : "a ") + EnumNames.ToName(kind);

    private static ActionFailedException Invalid(string message) => new(message) { Category = ErrorCategory.Validation };
}
