namespace McpPlaybooks.Server.Cli.Run;

/// <summary>The arguments of <c>run</c>, as parsed from the command line.</summary>
internal sealed record RunArguments(
    string PlaybookPathOrId,
    IReadOnlyList<string> Inputs,
    string? InputsJson,
    bool DryRun,
    bool AutoApprove,
    string? DataDirectory,
    bool Json,
    string? IdempotencyKey = null,
    string? Database = null);
