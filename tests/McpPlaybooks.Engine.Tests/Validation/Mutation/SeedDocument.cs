namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>A playbook that mutants are made from: its file name and its text.</summary>
internal sealed record SeedDocument(string Name, string Text);
