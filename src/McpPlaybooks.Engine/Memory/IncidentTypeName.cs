using System.Text.RegularExpressions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// An incident <c>type</c> as the learning memory keeps it: an identifier, trimmed and lower-case (so <c>Availability</c> and
/// <c>availability</c> count together), a letter or digit then up to 63 of letters, digits and <c>. _ : / -</c>. Anything
/// else is no type at all: the caller of <c>execute_playbook</c> controls the incident, and a type is named in the memory's
/// own advice, so free text is never kept as one, nor named (old aggregates are read through it too).
/// </summary>
public static partial class IncidentTypeName
{
    /// <summary>The longest type kept.</summary>
    public const int MaxLength = 64;

    /// <summary>The type <paramref name="text"/> stands for (trimmed, lower-case), or null when it is not an identifier.</summary>
    public static string? Normalize(string? text)
    {
        if (text is null || text.Length > MaxLength * 4)
        {
            return null;
        }

        var name = text.Trim().ToLowerInvariant();
        return IsName(name) ? name : null;
    }

    /// <summary>Whether <paramref name="name"/> is a type as kept: already normalised and an identifier.</summary>
    public static bool IsName(string? name) => name is not null && Shape().IsMatch(name);

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9._:/-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
