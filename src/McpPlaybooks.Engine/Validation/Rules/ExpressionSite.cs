using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Validation.Rules;

/// <summary>An expression where it stands: the scalar it was written in, its offset there, and what it may refer to.</summary>
internal sealed record ExpressionSite(Expression Expression, int Offset, ScalarNode Node, ReferenceScope Scope);
