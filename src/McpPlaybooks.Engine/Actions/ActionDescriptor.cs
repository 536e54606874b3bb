using McpPlaybooks.Engine.Definitions.Templates;

namespace McpPlaybooks.Engine.Actions;

/// <summary>What an action is: its parameters, its output, and what it does to the world.</summary>
public sealed record ActionDescriptor(string Name, string Summary)
{
    public IReadOnlyList<ActionParameter> Parameters { get; init; } = [];

    /// <summary>True for <c>set</c>, whose parameters are whatever names it computes.</summary>
    public bool AcceptsAnyParameters { get; init; }

    /// <summary>Groups of parameters of which exactly one must be given, such as shell's <c>command</c> or <c>script</c>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>Groups of parameters of which at most one may be given, such as http's <c>json</c> or <c>body</c>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> AtMostOneOf { get; init; } = [];

    /// <summary>The keys of <c>steps.&lt;id&gt;.output</c>.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>Whether running it twice does no harm (so a step in flight at a crash may run again).</summary>
    public Func<ObjectTemplate, bool> IsIdempotent { get; init; } = static _ => false;

    /// <summary>
    /// True for actions that work only in the engine's memory (<c>set</c>, <c>assert</c>, <c>log</c>): no
    /// process, no network, no clock. Such a step is recorded started and ended in one commit, after it ran:
    /// there is nothing outside the engine for a crash in between to leave half done.
    /// </summary>
    public bool IsPure { get; init; }

    /// <summary>Whether it changes the world (so it deserves a rollback).</summary>
    public Func<ObjectTemplate, bool> IsDestructive { get; init; } = static _ => false;
}
