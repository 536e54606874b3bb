using McpPlaybooks.Engine.Actions.Descriptors;
using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Validation.Rules;

namespace McpPlaybooks.Engine.Validation;

/// <summary>
/// PB1009: a <c>playbook</c> step (or rollback, verify or finally call) whose child, followed through the children each
/// playbook names in its text, starts the same playbook again. It needs the other playbooks (a <see cref="PlaybookLookup"/>),
/// so it is checked beside <see cref="PlaybookValidator"/>, which sees one text. A warning, not an error: a <c>when:</c> on
/// the way may end the recursion on purpose, and the run-time limit of 5 nested children still stops one that does not;
/// an error would also leave a playbook out of the catalogue because another file was saved.
/// </summary>
public static class ChildCycles
{
    /// <summary><paramref name="report"/> with a warning for each of its playbook's child references that leads back to it.</summary>
    public static ValidationReport Check(ValidationReport report, PlaybookLookup playbooks)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(playbooks);
        if (report.Playbook is not { } playbook)
        {
            return report;
        }

        var found = Find(playbook, playbooks);
        return found.Count == 0 ? report : report with { Diagnostics = PlaybookValidator.Sorted([.. report.Diagnostics, .. found]) };
    }

    /// <summary>Whether <paramref name="playbook"/> names a child playbook in its text (a <c>playbook</c> step or call with a literal id).</summary>
    public static bool StartsChildren(PlaybookDefinition playbook) => ChildReference.Of(playbook).Any();

    /// <summary>A warning for each child reference of <paramref name="playbook"/> that leads back to a playbook of its id.</summary>
    public static IReadOnlyList<Diagnostic> Find(PlaybookDefinition playbook, PlaybookLookup playbooks)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(playbooks);
        var found = new List<Diagnostic>();
        foreach (var start in ChildReference.Of(playbook))
        {
            if (PathBack(playbook.Id, start, playbooks) is { } path)
            {
                found.Add(Warning(playbook.Id, path));
            }
        }

        return found;
    }

    /// <summary>The shortest chain of references from <paramref name="start"/> to a playbook <paramref name="id"/>; null when none.</summary>
    private static List<(string From, ChildReference Reference)>? PathBack(string id, ChildReference start, PlaybookLookup playbooks)
    {
        var cameBy = new Dictionary<PlaybookDefinition, (PlaybookDefinition? From, ChildReference Reference)>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<PlaybookDefinition>();
        if (playbooks.Find(start.Id, start.Version) is not { } first)
        {
            return null;
        }

        cameBy[first] = (null, start);
        queue.Enqueue(first);
        while (queue.TryDequeue(out var current))
        {
            if (current.Id == id)
            {
                var path = new List<(string, ChildReference)>();
                for (PlaybookDefinition? at = current; at is not null; at = cameBy[at].From)
                {
                    path.Insert(0, (cameBy[at].From?.Id ?? id, cameBy[at].Reference));
                }

                return path;
            }

            foreach (var reference in ChildReference.Of(current))
            {
                if (playbooks.Find(reference.Id, reference.Version) is { } next && cameBy.TryAdd(next, (current, reference)))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static Diagnostic Warning(string id, List<(string From, ChildReference Reference)> path)
    {
        var cycle = string.Join(" → ", path.Select(p => p.From).Append(id));
        var steps = string.Join("; ", path.Select(p => $"{p.Reference.Where} of '{p.From}' starts '{p.Reference.Id}'"));
        var conditional = path.Any(p => p.Reference.Conditional);
        var outcome = conditional
            ? $"only a when: (or a rollback) on the way can end it: a run that nests {PlaybookAction.MaxDepth} children deep fails there"
            : $"nothing on the way is conditional, so every run of it nests until children are {PlaybookAction.MaxDepth} deep and fails there";
        var fix = conditional
            ? $"make sure the when: ends the recursion within {PlaybookAction.MaxDepth} levels, or break the cycle"
            : "break the cycle (move what the playbooks share into one that starts neither), or give one of these steps a when: that ends the recursion";
        var start = path[0].Reference;
        return Problems.Warning(DiagnosticCodes.ChildPlaybookCycle, $"a cycle of child playbooks: {cycle} ({steps}); {outcome}", start.Node, fix);
    }
}
