namespace McpPlaybooks.Engine.Expressions.Parsing;

internal enum TokenKind
{
    None,
    End,
    Identifier,
    Number,
    String,
    True,
    False,
    Null,
    Dot,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
