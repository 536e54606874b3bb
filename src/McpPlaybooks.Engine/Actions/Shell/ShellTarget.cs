using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// The circuit-breaker target of a shell step: the command's shape, never the interpreter alone. A program with its
/// first two non-option arguments (<c>exec:kubectl get pods</c>, <c>exec:systemctl restart nginx</c>), each
/// normalised: a URL becomes its origin, a path its file name, <c>NAME=value</c> becomes <c>NAME=*</c>, numbers
/// <c>#</c>. A shell's <c>-c</c> script (and a <c>script:</c>) is keyed by its first words and a hash of its text with
/// numbers normalised (<c>exec:sh -c [curl -fsS] #1a2b3c4d</c>), so that two scripts never share a breaker.
/// </summary>
internal static partial class ShellTarget
{
    private const int Words = 2;
    private const int MaxWordLength = 40;

    private static readonly FrozenSet<string> Shells = new[] { "sh", "bash", "dash", "zsh", "ksh", "ash", "mksh" }.ToFrozenSet(StringComparer.Ordinal);

    public static string Of(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var program = command[0];
        if (Shells.Contains(Path.GetFileName(program)) && ScriptOf(command) is { } script)
        {
            return $"exec:{program} -c {ScriptShape(script)}";
        }

        var words = command.Skip(1).Where(a => !a.StartsWith('-')).Take(Words).Select(Normalise);
        return string.Join(' ', [$"exec:{program}", .. words]);
    }

    /// <summary>The script after a shell's <c>-c</c> (alone or in a cluster such as <c>-ec</c>), or null when it runs none.</summary>
    private static string? ScriptOf(IReadOnlyList<string> command)
    {
        for (var i = 1; i < command.Count - 1; i++)
        {
            var argument = command[i];
            if (!argument.StartsWith('-') || argument.StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            if (argument.Contains('c', StringComparison.Ordinal))
            {
                return command[i + 1];
            }
        }

        return null;
    }

    private static string ScriptShape(string script)
    {
        var normalised = Numbers().Replace(script.Trim(), "#");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..8];
        var first = normalised.Split('\n', StringSplitOptions.TrimEntries)
            .FirstOrDefault(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("set ", StringComparison.Ordinal)) ?? "";
        var words = first.Split([' ', '\t', ';', '|', '&'], StringSplitOptions.RemoveEmptyEntries).Take(Words).Select(w => Normalise(w.Trim('\'', '"')));
        return $"[{string.Join(' ', words)}] #{hash}";
    }

    private static string Normalise(string word)
    {
        if (Uri.TryCreate(word, UriKind.Absolute, out var uri) && !uri.IsFile && uri.Host.Length > 0)
        {
            return $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        }

        if (word.Contains('/', StringComparison.Ordinal))
        {
            var name = Path.GetFileName(word.TrimEnd('/'));
            word = name.Length == 0 ? "/" : name;
        }

        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0)
        {
            word = word[..equals] + "=*";
        }

        word = Numbers().Replace(word, "#");
        return word.Length > MaxWordLength ? "*" : word;
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();
}
