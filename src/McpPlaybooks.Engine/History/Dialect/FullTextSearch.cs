namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>
/// The learning memory's full-text search over <c>memory_search</c>, as SQL fragments bound to the parameter <c>@match</c>
/// (the text of <see cref="Memory.SearchQuery.ToMatch"/>: quoted words joined by <c>OR</c>, which FTS5 and PostgreSQL's
/// <c>websearch_to_tsquery</c> both read).
/// </summary>
/// <param name="Match">The condition that a row matches.</param>
/// <param name="Rank">The rank of a row, lower is better (SQLite's bm25).</param>
/// <param name="Snippet">The row's text around the words, each marked <c>[like this]</c>.</param>
/// <param name="Order">What orders rows of equal rank: the row's number, the order the rows were indexed in.</param>
/// <param name="PatternJoin">
/// The condition joining a row to its pattern <c>p</c>: <c>ref</c> holds the pattern's id as text on PostgreSQL (a note's id
/// otherwise), which it will not compare with a number; SQLite compares the two by value.
/// </param>
internal sealed record FullTextSearch(string Match, string Rank, string Snippet, string Order, string PatternJoin);
