using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.Memory;

/// <summary>
/// Failed attempts whose messages share a fingerprint: the message with numbers, ids, paths, addresses, timestamps and
/// quoted values replaced by placeholders (<c>&lt;n&gt;</c>, <c>&lt;path&gt;</c>...). <paramref name="Example"/> is the latest
/// message as recorded (masked).
/// </summary>
public sealed record ErrorPattern(
    string Fingerprint,
    string Pattern,
    string Example,
    int Count,
    ErrorCategory? Category,
    string PlaybookId,
    string StepId,
    string? Target,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
