namespace McpPlaybooks.Engine.Tests.Validation.Mutation;

/// <summary>The ways <see cref="PlaybookMutator"/> damages a playbook's text.</summary>
internal enum MutationOperator
{
    DeleteLine,
    DuplicateLine,
    DeleteBlock,
    DuplicateBlock,
    RetypeValue,
    RenameKey,
    Truncate,
    ShiftIndentation,
    InsertPunctuation,
    SwapLines,
    ReplaceOperator,
    Combine,
}
