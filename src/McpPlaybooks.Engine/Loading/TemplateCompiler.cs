using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Definitions.Templates;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Loading;

/// <summary>Compiles values into templates and bare expressions, once, at load; syntax errors become located diagnostics.</summary>
internal sealed class TemplateCompiler(List<Diagnostic> diagnostics)
{
    public ValueTemplate Compile(DocumentNode node) => node switch
    {
        MappingNode map => CompileObject(map, null),
        SequenceNode list => new ListTemplate(list, [.. list.Items.Select(Compile)]),
        ScalarNode { IsString: true } scalar when scalar.Text.Contains("{{", StringComparison.Ordinal) => CompileString(scalar),
        _ => new LiteralTemplate(node, LiteralValues.From(node)),
    };

    /// <summary>Compiles a mapping whose keys are parameters: bare-expression parameters become expressions.</summary>
    public ObjectTemplate CompileObject(MappingNode map, IReadOnlyList<ActionParameter>? parameters)
    {
        var properties = new List<KeyValuePair<string, ValueTemplate>>(map.Entries.Count);
        foreach (var entry in map.Entries)
        {
            var parameter = parameters?.FirstOrDefault(p => p.Name == entry.Name);
            ValueTemplate value = parameter switch
            {
                { Kind: ParameterKind.Expression } when entry.Value is ScalarNode { IsString: true } scalar
                    => CompileBare(scalar) is { } bare ? new ExpressionTemplate(scalar, bare.Expression) : new LiteralTemplate(scalar, Value.From(scalar.Text)),
                { Kind: ParameterKind.Object } when entry.Value is MappingNode inner => CompileObject(inner, parameter.Properties),
                _ => Compile(entry.Value),
            };
            properties.Add(new(entry.Name, value));
        }

        return new ObjectTemplate(map, properties);
    }

    /// <summary>
    /// Compiles a bare expression (<c>when</c>, <c>foreach</c>, <c>that</c>). A boolean stands for itself, and
    /// an expression wrapped whole in <c>{{ }}</c> is accepted too, as authors often write it so.
    /// </summary>
    public BareExpression? CompileBare(DocumentNode? node)
    {
        if (node is not ScalarNode scalar || scalar.Type == ScalarType.Null)
        {
            return null;
        }

        if (scalar.TryGetBoolean(out var boolean))
        {
            return Expression.TryParse(boolean ? "true" : "false", out var constant, out _) ? new BareExpression(constant, scalar) : null;
        }

        if (!scalar.IsString)
        {
            return null;
        }

        var (text, offset) = Unwrap(scalar.Text);
        if (Expression.TryParse(text, out var expression, out var error))
        {
            return new BareExpression(expression, scalar);
        }

        Report(scalar, offset + error.Column - 1, error);
        return null;
    }

    private ValueTemplate CompileString(ScalarNode scalar)
    {
        if (Template.TryParse(scalar.Text, out var template, out var error))
        {
            return new StringTemplate(scalar, template);
        }

        Report(scalar, error.Column - 1, error);
        return new LiteralTemplate(scalar, Value.From(scalar.Text));
    }

    private void Report(ScalarNode scalar, int offset, ExpressionSyntaxException error) =>
        diagnostics.Add(Problems.Error(
            DiagnosticCodes.ExpressionSyntax,
            $"expression syntax error: {error.Detail}",
            scalar.LocationOf(Math.Max(0, offset)),
            scalar.Path,
            "correct the expression; strings inside it use single quotes, and the operators are == != < <= > >= && || !"));

    /// <summary>Strips one <c>{{ }}</c> that wraps a whole bare expression, keeping the offset of what remains.</summary>
    private static (string Text, int Offset) Unwrap(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("{{", StringComparison.Ordinal) || !trimmed.EndsWith("}}", StringComparison.Ordinal)
            || trimmed.IndexOf("{{", 2, StringComparison.Ordinal) >= 0)
        {
            return (text, 0);
        }

        var start = text.IndexOf("{{", StringComparison.Ordinal) + 2;
        var end = text.LastIndexOf("}}", StringComparison.Ordinal);
        return (text[start..end], start);
    }
}
