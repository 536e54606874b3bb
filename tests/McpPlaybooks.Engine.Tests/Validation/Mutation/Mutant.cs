namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>A damaged copy of a seed playbook, with what it takes to make it again.</summary>
/// <param name="SeedName">The seed playbook's file name.</param>
/// <param name="Seed">The <see cref="Random"/> seed: <c>new PlaybookMutator(Seed).Mutate(seed document)</c> makes the same mutant.</param>
/// <param name="Text">The mutated text.</param>
/// <param name="Operations">What was done, in order, such as <c>retype-value line 12 -> '[a, b]'</c>.</param>
/// <param name="FocusLine">The 1-based line of the last change, for excerpts.</param>
internal sealed record Mutant(string SeedName, int Seed, string Text, IReadOnlyList<string> Operations, int FocusLine)
{
    public string Describe() => $"{SeedName} seed {Seed}: {string.Join(" + ", Operations)}";
}
