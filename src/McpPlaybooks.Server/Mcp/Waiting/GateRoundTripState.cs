namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// What a wait left to do when it asked about a gate in a multi round-trip request (protocol 2026-07-28), carried by the
/// client as the opaque <c>requestState</c> and read back when it calls again with the answer: the tool, the execution
/// waited on, the gate asked about (<c>execution/step</c>), the wait's deadline, the gates already asked and the notes so far,
/// and whether the question was the approval page's link (URL mode, <see cref="GateLink"/>) rather than the form.
/// It names no secret; it grants nothing (the gate must still be pending, and the caller's roles are checked again).
/// </summary>
internal sealed record GateRoundTripState(
    string Tool,
    string ExecutionId,
    string Gate,
    string StepId,
    DateTimeOffset Deadline,
    IReadOnlyList<string> Asked,
    IReadOnlyList<string> Notes,
    bool ByLink = false);
