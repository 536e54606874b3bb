using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>
/// The hosts the HTTP actions may reach: an exact host (case-insensitive) or <c>*.example.com</c>,
/// which allows any subdomain but not <c>example.com</c> itself. An empty list allows any host.
/// </summary>
internal static class HostAllowlist
{
    public static bool Allows(IReadOnlyList<string> allowlist, Uri uri)
    {
        if (allowlist.Count == 0)
        {
            return true;
        }

        var host = uri.IdnHost.TrimEnd('.');
        foreach (var raw in allowlist)
        {
            var entry = raw.Trim().TrimEnd('.');
            if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                var suffix = entry[1..];
                if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(host, entry.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Throws an Authorization failure, before anything is sent, when the host is not allowed.</summary>
    public static void Check(IReadOnlyList<string> allowlist, Uri uri, string action)
    {
        if (!Allows(allowlist, uri))
        {
            throw new ActionFailedException(
                $"{action}: the host '{uri.Host}' is not in the host allowlist ({string.Join(", ", allowlist)}); nothing was sent.")
            {
                Category = ErrorCategory.Authorization,
                Target = HttpUrls.TargetOf(uri),
            };
        }
    }
}
