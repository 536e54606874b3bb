using System.Globalization;
using System.Text;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>How a command reads in messages and dry runs. For display only: nothing is ever run from this text.</summary>
internal static class ShellDisplay
{
    private const int MaxLength = 200;

    /// <summary>
    /// The command on one line, an argument quoted when it is empty or holds spaces, quotes or control characters; cut when
    /// long, never inside a secret. Each argument is masked before it is quoted: quoting rewrites a quote or a newline in
    /// a secret, which the masker would then no longer recognise.
    /// </summary>
    public static string Command(IReadOnlyList<string> argv, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(masker);
        return Cut(string.Join(' ', argv.Select(argument => Quote(masker.Apply(argument)))), MaxLength, masker);
    }

    /// <summary>The command of a request: the argv, or <c>/bin/sh -c</c> and the script's first line.</summary>
    public static string Command(ShellRequest request, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsScript)
        {
            return Command(request.Command, masker);
        }

        // Masked before it is split: the first line of a secret of several lines is not a form the masker knows.
        var script = masker.Apply(request.Command[2]);
        var lines = script.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = lines.Length == 0 ? "" : lines[0];
        return Command([ShellRequest.ScriptShell, "-c", lines.Length > 1 ? first + " …" : first], masker);
    }

    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or '\\'))
        {
            return argument;
        }

        var quoted = new StringBuilder("'");
        foreach (var c in argument)
        {
            _ = c switch
            {
                '\'' => quoted.Append(@"'\''"),
                '\n' => quoted.Append(@"\n"),
                '\r' => quoted.Append(@"\r"),
                '\t' => quoted.Append(@"\t"),
                _ when char.IsControl(c) => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>The last line of the text that is not blank, masked before the text is split (a secret may span lines), cut to a length.</summary>
    public static string? LastLine(string text, int maxLength, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(masker);
        var line = masker.Apply(text).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        return line is null ? null : Cut(line, maxLength, masker);
    }

    private static string Cut(string text, int maxLength, SecretMasker masker) =>
        text.Length <= maxLength ? text : masker.Head(text, maxLength - 1) + "…";
}
