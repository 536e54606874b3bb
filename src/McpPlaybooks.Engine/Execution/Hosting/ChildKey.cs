using System.Globalization;
using McpPlaybooks.Engine.Actions;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The idempotency key of a child execution that a <c>playbook</c> step starts:
/// <c>child:{parent}/{step}/{iteration, or -1}#{n}@{step[iteration]#attempt}</c>, the step's nth child, started by that
/// attempt of it. Keys written before the attempt was part of them end at <c>#{n}</c>.
/// </summary>
internal sealed record ChildKey(string ParentId, StepAttempt Attempt)
{
    private string Prefix => $"child:{ParentId}/{Attempt.StepId}/{(Attempt.Iteration ?? -1).ToString(CultureInfo.InvariantCulture)}#";

    /// <summary>Whether <paramref name="key"/> is that of a child step <paramref name="stepId"/> of <paramref name="parentId"/> started (any iteration, any attempt).</summary>
    public static bool IsOfStep(string parentId, string stepId, string? key) => key?.StartsWith($"child:{parentId}/{stepId}/", StringComparison.Ordinal) == true;

    /// <summary>The step of <paramref name="parentId"/> that started the child with <paramref name="key"/>; null when it is no child key of that parent.</summary>
    public static string? StepOf(string parentId, string? key)
    {
        var prefix = $"child:{parentId}/";
        var end = key?.StartsWith(prefix, StringComparison.Ordinal) == true ? key.IndexOf('/', prefix.Length) : -1;
        return end < 0 ? null : key![prefix.Length..end];
    }

    /// <summary>Whether <paramref name="key"/> is that of a child of this step and iteration (any attempt).</summary>
    public bool IsOfThisStep(string? key) => key?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>The key of the child this attempt starts after <paramref name="earlier"/> children of the step.</summary>
    public string Next(int earlier) => $"{Prefix}{(earlier + 1).ToString(CultureInfo.InvariantCulture)}@{Attempt.Key}";

    /// <summary>
    /// Which of the step's children <paramref name="key"/> names (its n): the order they were started in, whichever clock
    /// each writer had; null when it is no key of this step.
    /// </summary>
    public int? Sequence(string? key)
    {
        if (!IsOfThisStep(key))
        {
            return null;
        }

        var end = key!.IndexOf('@', Prefix.Length);
        return int.TryParse(key.AsSpan(Prefix.Length, (end < 0 ? key.Length : end) - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The attempt of this step that started the child with <paramref name="key"/>; none for an older key.</summary>
    public int? StartedBy(string? key)
    {
        var at = IsOfThisStep(key) ? key!.IndexOf('@', Prefix.Length) : -1;
        return at < 0 ? null : Attempt.AttemptIn(key![(at + 1)..]);
    }
}
