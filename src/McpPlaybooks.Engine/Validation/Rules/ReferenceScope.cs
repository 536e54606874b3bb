namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>What an expression at some place may refer to.</summary>
/// <param name="Place">Where the expression is, for messages: "step 'restart'", "variable 'url'".</param>
/// <param name="Step">
/// The node (in <see cref="StepGraph"/>) of the step the expression belongs to: it may read the steps upstream of
/// that one; -1 reads none; null reads every step (finally, outputs).
/// </param>
/// <param name="ReadsItself">Whether it may also read its own step (rollback and verify run after it).</param>
/// <param name="VariablesBefore">It may read the variables declared before this position; null means every variable.</param>
/// <param name="InLoop">Whether <c>item</c> and <c>index</c> exist here.</param>
internal sealed record ReferenceScope(string Place, int? Step, bool ReadsItself, int? VariablesBefore, bool InLoop);
