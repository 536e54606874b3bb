namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// What <c>/ui/api/playbooks/{id}</c> answers: one playbook version (or, when every file with this id is invalid, the
/// first of them): its YAML as text, its validation problems with their lines, its inputs, its plan (valid versions
/// only), its track record, and the other files with this id left out as invalid.
/// </summary>
internal sealed record PlaybookDetail
{
    public required string PlaybookId { get; init; }

    /// <summary>Null for an invalid file (its version is not known).</summary>
    public string? Version { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The lifecycle status; null for an invalid file.</summary>
    public string? Status { get; init; }

    /// <summary>Whether this version is in the catalogue (it passed validation).</summary>
    public required bool Valid { get; init; }

    public required string Path { get; init; }

    /// <summary>The file's text, as read (the page escapes it).</summary>
    public required string Yaml { get; init; }

    /// <summary>Errors (an invalid file) or warnings (a valid one), each with its line.</summary>
    public IReadOnlyList<ProblemView> Problems { get; init; } = [];

    public IReadOnlyList<PlaybookVersionView> Versions { get; init; } = [];

    public IReadOnlyList<InputView> Inputs { get; init; } = [];

    public PlanView? Plan { get; init; }

    public required TrackRecordView Record { get; init; }

    public IReadOnlyList<InvalidFileView> InvalidFiles { get; init; } = [];
}
