using McpPlaybooks.Engine.History.Location;

namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// The store the engine tests run on, chosen for the whole run by <c>MCPPLAYBOOKS_TEST_STORE</c>: unset (or
/// <c>sqlite</c>) keeps each engine on the SQLite file of its data directory; <c>postgres</c> gives each harness a schema
/// of its own on the test PostgreSQL (<see cref="PostgresServer"/>), dropped when disposed. Tests that only make sense
/// on SQLite carry <see cref="SqliteOnly"/>: the PostgreSQL run filters them out (<c>Store!=SqliteOnly</c>).
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    public const string Variable = "MCPPLAYBOOKS_TEST_STORE";

    /// <summary>The trait that marks a test SQLite-only: <c>[Trait(TestStore.Trait, TestStore.SqliteOnly)]</c>, with a comment saying why.</summary>
    public const string Trait = "Store";

    public const string SqliteOnly = "SqliteOnly";

    private readonly PostgresTestSchema? schema;

    private TestStore(PostgresTestSchema? schema) => this.schema = schema;

    /// <summary>The store of this run.</summary>
    public static StoreKind Kind { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The history location to give <c>EngineOptions.Database</c>: a fresh schema on PostgreSQL, null (the data directory's file) on SQLite.</summary>
    public HistoryLocation? Location => schema?.Location;

    /// <summary>A history of its own on this run's store.</summary>
    public static async Task<TestStore> CreateAsync() =>
        new(Kind == StoreKind.Postgres ? await PostgresServer.CreateSchemaAsync() : null);

    public ValueTask DisposeAsync() => schema?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static StoreKind Parse(string? given) => given?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StoreKind.Sqlite,
        "postgres" or "postgresql" => StoreKind.Postgres,
        _ => throw new InvalidOperationException($"{Variable} is '{given}': use 'sqlite' (the default) or 'postgres'."),
    };
}
