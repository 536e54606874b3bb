namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>What an expression at some place may refer to.</summary>
/// <param name="Place">Where the expression is, for messages: "step 'restart'", "variable 'url'".</param>
/// <param name="Steps">The steps it may read; null means every step (finally, outputs).</param>
/// <param name="Variables">The variables it may read; null means every variable.</param>
/// <param name="InLoop">Whether <c>item</c> and <c>index</c> exist here.</param>
internal sealed record ReferenceScope(string Place, IReadOnlySet<string>? Steps, IReadOnlySet<string>? Variables, bool InLoop);
