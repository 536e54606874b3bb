using System.Data.Common;
using System.Globalization;
using McpPlaybooks.Engine.History;

namespace McpPlaybooks.Engine.Memory;

/// <summary>Reads rows of the memory's tables by position, with named parameters (null as SQL NULL).</summary>
internal static class MemorySql
{
    /// <summary>UTC day numbers, as the aggregates are keyed.</summary>
    public const long DayMs = 86_400_000;

    /// <summary>The first day counted for <paramref name="since"/> (its UTC day), or the smallest day for null.</summary>
    public static long FirstDay(DateTimeOffset? since) =>
        since is { } s ? (long)Math.Floor(s.ToUnixTimeMilliseconds() / (double)DayMs) : long.MinValue;

    /// <summary>
    /// The conditions that apply, joined with AND (<c>true</c> when none does). Filters are left out rather than written
    /// <c>(@p IS NULL OR playbook_id = @p)</c>, which makes SQLite scan the table instead of searching its key.
    /// </summary>
    public static string Where(params (string Sql, bool Applies)[] conditions)
    {
        var applying = conditions.Where(c => c.Applies).Select(c => c.Sql).ToList();
        return applying.Count == 0 ? "true" : string.Join(" AND ", applying);
    }

    public static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        var rows = new List<T>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// A whole number, whatever integer type the store gives: PostgreSQL's <c>SUM</c> of a <c>bigint</c> is a <c>numeric</c>
    /// (which its provider will not read as a <c>long</c>), SQLite's is an integer.
    /// </summary>
    public static long Whole(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static double? NullableDouble(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <summary>A ratio, or null when there is nothing to divide by.</summary>
    public static double? Rate(long part, long whole) => whole > 0 ? (double)part / whole : null;
}
