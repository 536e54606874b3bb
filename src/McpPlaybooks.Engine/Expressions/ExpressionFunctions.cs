using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using McpPlaybooks.Engine.Expressions.Functions;

namespace McpPlaybooks.Engine.Expressions;

/// <summary>The built-in functions of the expression language. Names are case-sensitive.</summary>
public static class ExpressionFunctions
{
    private static readonly ExpressionFunction[] All =
    [
        new ContainsFunction(),
        new StartsWithFunction(),
        new EndsWithFunction(),
        new LengthFunction(),
        new LowerFunction(),
        new UpperFunction(),
        new ToJsonFunction(),
        new FromJsonFunction(),
        new FormatFunction(),
        new Base64Function(),
        new DefaultFunction(),
    ];

    private static readonly FrozenDictionary<string, ExpressionFunction> ByName =
        All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function names, in documentation order.</summary>
    public static IReadOnlyCollection<string> Names { get; } = Array.AsReadOnly(All.Select(f => f.Name).ToArray());

    internal static bool TryGet(string name, [NotNullWhen(true)] out ExpressionFunction? function) =>
        ByName.TryGetValue(name, out function);
}
