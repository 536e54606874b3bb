using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>A step, or a rollback, verify or finally entry, seen alike: an action with arguments, somewhere in the playbook.</summary>
internal sealed record ActionCall(string Action, ObjectTemplate With, MappingNode Node, string Where)
{
    public static IEnumerable<ActionCall> All(PlaybookDefinition playbook)
    {
        foreach (var step in playbook.Steps)
        {
            yield return new ActionCall(step.Action, step.With, step.Node, $"step '{step.Id}'");
            foreach (var call in step.Rollback)
            {
                yield return From(call, $"a rollback of step '{step.Id}'");
            }

            foreach (var call in step.Verify)
            {
                yield return From(call, $"a verify of step '{step.Id}'");
            }
        }

        foreach (var call in playbook.Finally)
        {
            yield return From(call, "a finally entry");
        }
    }

    private static ActionCall From(ActionCallDefinition call, string where) => new(call.Action, call.With, call.Node, where);
}
