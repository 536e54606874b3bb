namespace McpPlaybooks.Engine.Expressions.Parsing;

/// <summary>A token: its kind, where it is (0-based) and, for names, strings and numbers, its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string? Text = null, double Number = 0);
