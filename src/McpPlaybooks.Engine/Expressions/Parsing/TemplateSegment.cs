namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>Where one <c>{{ expr }}</c> sits in a template: 0-based indexes of "{{", of the trimmed expression, and of "}}".</summary>
internal readonly record struct TemplateSegment(int OpenIndex, int ExpressionStart, int ExpressionLength, int CloseIndex);
