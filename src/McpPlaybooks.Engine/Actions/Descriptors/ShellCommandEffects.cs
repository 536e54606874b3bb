using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Actions.Descriptors;

/// <summary>
/// Tells a shell command that only reads (df, systemctl show, kubectl get, anything with --dry-run) from
/// one that may change things, from its literal argv. Used by lints only: when in doubt, it says "changes".
/// </summary>
internal static class ShellCommandEffects
{
    private static readonly HashSet<string> s_readOnlyPrograms = new(StringComparer.Ordinal)
    {
        "cat", "date", "df", "dig", "du", "echo", "false", "findmnt", "free", "getent", "grep", "head", "host",
        "hostname", "id", "jq", "ls", "lsblk", "lsof", "nslookup", "ping", "printenv", "ps", "pwd", "sleep", "ss",
        "stat", "tail", "test", "true", "uname", "uptime", "wc", "whoami",
    };

    private static readonly Dictionary<string, (string[] Reads, string[] Writes)> s_verbs = new(StringComparer.Ordinal)
    {
        ["systemctl"] = (["show", "status", "is-active", "is-enabled", "is-failed", "list-units", "list-timers", "cat"], ["start", "stop", "restart", "reload", "enable", "disable", "kill", "mask", "unmask", "daemon-reload", "reset-failed"]),
        ["kubectl"] = (["get", "describe", "logs", "top", "version", "explain", "api-resources", "diff", "events", "status", "history"], ["apply", "patch", "delete", "create", "replace", "scale", "set", "edit", "label", "annotate", "drain", "cordon", "uncordon", "exec", "restart", "undo"]),
        ["docker"] = (["ps", "inspect", "logs", "images", "stats", "version", "info"], ["run", "rm", "rmi", "stop", "start", "restart", "kill", "exec", "prune", "pull", "push"]),
        ["git"] = (["status", "log", "show", "diff", "rev-parse", "fetch"], ["push", "commit", "reset", "checkout", "merge", "rebase", "clean"]),
        ["openssl"] = (["x509", "s_client", "verify", "version", "crl"], ["req", "genrsa", "genpkey", "ca"]),
    };

    private static readonly string[] s_dryRunFlags = ["--dry-run", "--check", "--noop", "--what-if"];

    private static readonly string[] s_journalWrites = ["--vacuum-size", "--vacuum-time", "--vacuum-files", "--rotate", "--flush"];

    public static bool IsReadOnly(ObjectTemplate with)
    {
        if (with["command"] is not ListTemplate { Items.Count: > 0 } command)
        {
            return false; // A script, or a command computed at run time.
        }

        var args = command.Items.Select(Literal).ToList();
        if (args[0] is not { } program)
        {
            return false;
        }

        program = Path.GetFileName(program);
        var literals = args.Skip(1).OfType<string>().ToList();
        if (literals.Any(a => s_dryRunFlags.Any(flag => a == flag || a.StartsWith(flag + "=", StringComparison.Ordinal))))
        {
            return true;
        }

        return program switch
        {
            "journalctl" => !literals.Any(a => s_journalWrites.Any(flag => a == flag || a.StartsWith(flag + "=", StringComparison.Ordinal))),
            "nginx" or "apachectl" => literals.Any(a => a is "-t" or "-T" or "configtest"),
            "curl" => !literals.Any(a => a is "-X" or "--request" or "-d" or "-F" or "-T" or "--form" or "--upload-file" || a.StartsWith("--data", StringComparison.Ordinal)),
            _ when s_verbs.TryGetValue(program, out var verbs) => FirstVerb(literals, verbs) is true,
            _ => s_readOnlyPrograms.Contains(program),
        };
    }

    /// <summary>The first literal argument that is a known verb decides: true for a read, false for a write.</summary>
    private static bool? FirstVerb(List<string> literals, (string[] Reads, string[] Writes) verbs)
    {
        foreach (var arg in literals.Where(a => !a.StartsWith('-')))
        {
            if (verbs.Writes.Contains(arg))
            {
                return false;
            }

            if (verbs.Reads.Contains(arg))
            {
                return true;
            }
        }

        return null;
    }

    private static string? Literal(ValueTemplate item) =>
        item is LiteralTemplate { Value.Kind: ValueKind.String } literal ? literal.Value.AsString() : null;
}
