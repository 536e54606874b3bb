using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Documents;

namespace McpPlaybooks.Engine.Loading;

/// <summary>Typed, lenient reads from a mapping: a value of the wrong type reads as absent (the schema reports it).</summary>
internal static class NodeReader
{
    public static string? String(MappingNode map, string key) =>
        map[key] is ScalarNode { Type: not ScalarType.Null } scalar ? scalar.Text : null;

    public static bool? Boolean(MappingNode map, string key) =>
        map[key] is ScalarNode scalar && scalar.TryGetBoolean(out var value) ? value : null;

    public static int? Integer(MappingNode map, string key) =>
        map[key] is ScalarNode scalar && scalar.TryGetInteger(out var value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    public static double? Number(MappingNode map, string key) =>
        map[key] is ScalarNode scalar && scalar.TryGetNumber(out var value) ? value : null;

    public static TimeSpan? Duration(MappingNode map, string key) =>
        map[key] is ScalarNode { IsString: true } scalar && Durations.TryParse(scalar.Text, out var value) ? value : null;

    public static T? Enum<T>(MappingNode map, string key)
        where T : struct, System.Enum =>
        EnumNames.TryParse<T>(String(map, key), out var value) ? value : null;

    public static IReadOnlyList<string> Strings(MappingNode map, string key) =>
        map[key] is SequenceNode list
            ? [.. list.Items.OfType<ScalarNode>().Where(s => s.Type != ScalarType.Null).Select(s => s.Text)]
            : [];

    public static MappingNode? Mapping(MappingNode map, string key) => map[key] as MappingNode;

    public static IEnumerable<MappingNode> Mappings(MappingNode map, string key) =>
        map[key] is SequenceNode list ? list.Items.OfType<MappingNode>() : [];
}
