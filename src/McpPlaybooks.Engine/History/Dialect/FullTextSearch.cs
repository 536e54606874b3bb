namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>
/// The learning memory's full-text search over <c>memory_search</c>, as SQL fragments bound to the parameter <c>@match</c>
/// (the text of <see cref="Memory.SearchQuery.ToMatch"/>: quoted words joined by <c>OR</c>, which FTS5 and PostgreSQL's
/// <c>websearch_to_tsquery</c> both read).
/// </summary>
/// <param name="Match">The condition that a row matches.</param>
/// <param name="Rank">The rank of a row, lower is better (SQLite's bm25).</param>
/// <param name="Snippet">The row's text around the words, each marked <c>[like this]</c>.</param>
internal sealed record FullTextSearch(string Match, string Rank, string Snippet);
