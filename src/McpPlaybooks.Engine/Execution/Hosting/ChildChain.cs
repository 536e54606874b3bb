using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// The playbooks and steps that led to a child start, root first: <c>a (step 'call') → b (step 'back') → a (step 'call')</c>,
/// read up the parents in history (each child's idempotency key names the step of its parent that started it). What the
/// depth limit's refusal names, so that a cycle through a templated child id can be seen.
/// </summary>
internal static class ChildChain
{
    public static async Task<string> DescribeAsync(HistoryStore history, ExecutionRun parent, string stepId, CancellationToken cancellationToken)
    {
        var links = new List<string> { Link(parent.Request.Playbook.Id, stepId) };
        var (key, ancestorId) = (parent.Request.IdempotencyKey, parent.Request.ParentExecutionId);
        while (ancestorId is not null && links.Count <= Actions.Descriptors.PlaybookAction.MaxDepth + 1)
        {
            var ancestor = await history.GetExecutionAsync(ancestorId, cancellationToken).ConfigureAwait(false);
            if (ancestor is null)
            {
                break;
            }

            links.Insert(0, Link(ancestor.PlaybookId, ChildKey.StepOf(ancestorId, key)));
            (key, ancestorId) = (ancestor.IdempotencyKey, ancestor.ParentExecutionId);
        }

        return string.Join(" → ", links);
    }

    private static string Link(string playbookId, string? stepId) => stepId is null ? playbookId : $"{playbookId} (step '{stepId}')";
}
