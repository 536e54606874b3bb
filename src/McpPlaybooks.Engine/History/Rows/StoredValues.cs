using System.Globalization;
using McpPlaybooks.Engine.Definitions;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>How values are stored: times as unix milliseconds (UTC), enums as their snake names.</summary>
internal static class StoredValues
{
    public static long Time(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? Time(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset? Time(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static string Name<T>(T value)
        where T : struct, Enum => EnumNames.ToName(value);

    public static string? Name<T>(T? value)
        where T : struct, Enum => value is { } v ? EnumNames.ToName(v) : null;

    public static T Parse<T>(string text, string column)
        where T : struct, Enum =>
        EnumNames.TryParse<T>(text, out var value)
            ? value
            : throw new InvalidDataException(string.Format(
                CultureInfo.InvariantCulture,
                "The history holds '{0}' in {1}, which is not a {2} this version knows; the file was written by a newer version or edited by hand.",
                text,
                column,
                typeof(T).Name));

    public static T? ParseOptional<T>(string? text, string column)
        where T : struct, Enum => text is null ? null : Parse<T>(text, column);
}
