namespace McpPlaybooks.Engine.History;

/// <summary>
/// Which handles <see cref="HistoryStore.ListHandlesAsync"/> returns: those alive at <see cref="Now"/>, newest first, held
/// by <see cref="Holder"/> (null: those without a holder) unless <see cref="AnyHolder"/>.
/// </summary>
public sealed record HandleQuery
{
    public required DateTimeOffset Now { get; init; }

    public string? Holder { get; init; }

    /// <summary>Every holder's handles (a server without identities).</summary>
    public bool AnyHolder { get; init; }

    /// <summary>A page's <see cref="HandlePage.NextCursor"/>, or null for the first page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Capped at 200.</summary>
    public int Limit { get; init; } = 50;
}
