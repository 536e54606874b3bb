using McpPlaybooks.Engine.History.Starts;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameters of the checks of a <see cref="StartClaim"/> (<see cref="StartCheckStatements"/>); times in unix milliseconds.</summary>
internal sealed class StartClaimRow
{
    public string PlaybookId { get; init; } = "";

    public string? IdempotencyKey { get; init; }

    public string? Sha256 { get; init; }

    public string? InputsJson { get; init; }

    public string? IncidentJson { get; init; }

    public string? SecretInputsHmac { get; init; }

    /// <summary>The hour of <c>max_executions_per_hour</c>: after <see cref="Since"/>.</summary>
    public long Since { get; init; }

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<StartClaimRow, object?>> Parameters = new Dictionary<string, Func<StartClaimRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(PlaybookId)] = row => row.PlaybookId,
        [nameof(IdempotencyKey)] = row => row.IdempotencyKey,
        [nameof(Sha256)] = row => row.Sha256,
        [nameof(InputsJson)] = row => row.InputsJson,
        [nameof(IncidentJson)] = row => row.IncidentJson,
        [nameof(SecretInputsHmac)] = row => row.SecretInputsHmac,
        [nameof(Since)] = row => row.Since,
    };

    public static StartClaimRow From(StartClaim claim) => new()
    {
        PlaybookId = claim.PlaybookId,
        IdempotencyKey = claim.IdempotencyKey,
        Sha256 = claim.Identical?.Sha256,
        InputsJson = claim.Identical?.InputsJson,
        IncidentJson = claim.Identical?.IncidentJson,
        SecretInputsHmac = claim.Identical?.SecretInputsHmac,
        Since = StoredValues.Time(claim.Since),
    };
}
