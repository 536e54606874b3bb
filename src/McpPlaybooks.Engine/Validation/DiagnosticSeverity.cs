namespace McpPlaybooks.Engine.Validation;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}
