using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Lifecycle;

/// <summary>
/// The life of a playbook version (design §4) and what each status may do. Moves:
/// <c>draft</c> → <c>active</c> (publish) or <c>archived</c>; <c>active</c> → <c>deprecated</c> or <c>archived</c>;
/// <c>deprecated</c> → <c>active</c> or <c>archived</c>; <c>archived</c> is final. Staying where it is, is allowed (a no-op).
/// Runs: only <c>active</c> runs for real; <c>draft</c>, <c>active</c> and <c>deprecated</c> may be dry-run; <c>archived</c> never runs.
/// </summary>
internal static class PlaybookLifecycle
{
    /// <summary>The statuses a version may move to from <paramref name="from"/>, itself excluded.</summary>
    public static IReadOnlyList<PlaybookStatus> NextOf(PlaybookStatus from) => from switch
    {
        PlaybookStatus.Draft => [PlaybookStatus.Active, PlaybookStatus.Archived],
        PlaybookStatus.Active => [PlaybookStatus.Deprecated, PlaybookStatus.Archived],
        PlaybookStatus.Deprecated => [PlaybookStatus.Active, PlaybookStatus.Archived],
        PlaybookStatus.Archived => [],
        _ => throw new ArgumentOutOfRangeException(nameof(from), from, "unknown playbook status"),
    };

    /// <summary>Whether a version may move from <paramref name="from"/> to <paramref name="to"/> (staying put is allowed).</summary>
    public static bool CanMove(PlaybookStatus from, PlaybookStatus to) => from == to || NextOf(from).Contains(to);

    /// <summary>Null when the move is allowed; else why not and where the version may go instead.</summary>
    public static string? RefuseMove(string playbookId, string version, PlaybookStatus from, PlaybookStatus to)
    {
        if (CanMove(from, to))
        {
            return null;
        }

        var head = $"cannot move playbook {playbookId} version {version} from {EnumNames.ToName(from)} to {EnumNames.ToName(to)}";
        var next = NextOf(from);
        if (next.Count == 0)
        {
            return $"{head}: archived is final, kept for history only. To use this playbook again, save a new version "
                + "with save_playbook (it starts as a draft) and publish it.";
        }

        var hint = to == PlaybookStatus.Draft
            ? " A version never goes back to draft: to change it, save a new version with save_playbook (a draft), then publish it."
            : "";
        return $"{head}. From {EnumNames.ToName(from)} it may move to: {string.Join(", ", next.Select(EnumNames.ToName))} (with save_playbook).{hint}";
    }

    /// <summary>Null when a version in <paramref name="status"/> may run (for real, or dry when <paramref name="dryRun"/>); else what to do.</summary>
    public static string? RefuseRun(string playbookId, string version, PlaybookStatus status, bool dryRun)
    {
        var head = $"playbook {playbookId} version {version} is {EnumNames.ToName(status)}";
        return (status, dryRun) switch
        {
            (PlaybookStatus.Active, _) => null,
            (PlaybookStatus.Draft or PlaybookStatus.Deprecated, true) => null,
            (PlaybookStatus.Draft, false) => $"{head}: a draft may be dry-run (execute_playbook with dry_run: true) but not run for real. "
                + "Publish it first with save_playbook (status active), or run the active version.",
            (PlaybookStatus.Deprecated, false) => $"{head}: it no longer starts real runs (executions already started go on). "
                + "Run the active version instead (get_playbook lists the versions and their statuses), or publish this one again with save_playbook (status active).",
            (PlaybookStatus.Archived, _) => $"{head}: it is kept for history only and cannot run, not even as a dry run. "
                + "Run the active version instead (get_playbook lists the versions and their statuses).",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown playbook status"),
        };
    }
}
