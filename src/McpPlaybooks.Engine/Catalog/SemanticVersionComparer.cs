using System.Globalization;

namespace McpPlaybooks.Engine.Catalog;

/// <summary>
/// Orders versions as semantic versioning does: <c>1.10.0</c> after <c>1.9.0</c>, a pre-release
/// (<c>2.0.0-rc.1</c>) before its release. A version that is not <c>MAJOR.MINOR.PATCH</c> comes first.
/// </summary>
public sealed class SemanticVersionComparer : IComparer<string>
{
    public static SemanticVersionComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var (a, b) = (Parse(x), Parse(y));
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null) * -1;
        }

        for (var i = 0; i < 3; i++)
        {
            var order = a.Value.Numbers[i].CompareTo(b.Value.Numbers[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return (a.Value.PreRelease, b.Value.PreRelease) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            var (p, q) => ComparePreRelease(p, q),
        };
    }

    private static int ComparePreRelease(string x, string y)
    {
        var (a, b) = (x.Split('.'), y.Split('.'));
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m);
            var bNumeric = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            var order = (aNumeric, bNumeric) switch
            {
                (true, true) => m.CompareTo(n),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (order != 0)
            {
                return order;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    private static (long[] Numbers, string? PreRelease)? Parse(string? version)
    {
        if (version is null)
        {
            return null;
        }

        var core = version.Split('+')[0];
        var dash = core.IndexOf('-', StringComparison.Ordinal);
        var preRelease = dash >= 0 ? core[(dash + 1)..] : null;
        var parts = (dash >= 0 ? core[..dash] : core).Split('.');
        var numbers = new long[3];
        if (parts.Length != 3)
        {
            return null;
        }

        for (var i = 0; i < 3; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return (numbers, preRelease);
    }
}
