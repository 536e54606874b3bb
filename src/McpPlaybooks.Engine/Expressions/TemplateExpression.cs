namespace McpPlaybooks.Engine.Expressions;

/// <summary>One <c>{{ expr }}</c> of a <see cref="Template"/>.</summary>
/// <param name="Expression">The parsed expression; its text is trimmed.</param>
/// <param name="Offset">The 0-based index, in the template's text, of the expression's first character.
/// A column within the expression maps to the template's column <c>Offset + column</c>.</param>
public sealed record TemplateExpression(Expression Expression, int Offset);
