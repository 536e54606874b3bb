namespace McpPlaybooks.Engine.Actions;

/// <summary>An action's checks before it acts, run for a dry run: the refusal they throw, or null.</summary>
internal static class ActionRefusal
{
    public static ActionFailedException? Of(Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            check();
            return null;
        }
        catch (ActionFailedException e)
        {
            return e;
        }
    }
}
