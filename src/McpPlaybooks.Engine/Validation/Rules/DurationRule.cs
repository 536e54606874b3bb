using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>
/// Every duration field parses strictly. The schema's pattern catches most mistakes, but a regex cannot see
/// a trailing line break or a duration longer than <see cref="Durations.Max"/>; without this rule such a
/// value would silently not apply.
/// </summary>
internal static class DurationRule
{
    private static readonly HashSet<string> s_durationKeys = new(StringComparer.Ordinal) { "timeout", "step_timeout", "delay", "max_delay" };

    /// <summary>Sections whose keys are names, or parameters checked by each action.</summary>
    private static readonly HashSet<string> s_freeSections = new(StringComparer.Ordinal) { "with", "variables", "outputs", "inputs", "triggers" };

    public static void Check(ValidationContext context) => Walk(context, context.Playbook.Node);

    private static void Walk(ValidationContext context, DocumentNode node)
    {
        switch (node)
        {
            case MappingNode map:
                foreach (var entry in map.Entries.Where(e => !s_freeSections.Contains(e.Name)))
                {
                    if (s_durationKeys.Contains(entry.Name) && entry.Value is ScalarNode { IsString: true } scalar
                        && !Durations.TryParse(scalar.Text, out _))
                    {
                        context.Add(Problems.Error(
                            DiagnosticCodes.InvalidDuration,
                            $"'{scalar.Text.Trim()}' is not a duration ({entry.Name}), or is longer than {Durations.Format(Durations.Max)}",
                            scalar,
                            $"write a whole number and a unit, such as {Durations.Examples}, on one line"));
                    }

                    Walk(context, entry.Value);
                }

                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                {
                    Walk(context, item);
                }

                break;
        }
    }
}
