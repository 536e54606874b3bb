namespace McpPlaybooks.Engine.Definitions;

/// <summary>What kind of failure an error is; retries and breakers decide by it. Written in lower case in playbooks.</summary>
public enum ErrorCategory
{
    Unknown,
    Network,
    Timeout,
    Authentication,
    Authorization,
    Validation,
    Resource,
    Dependency,
    Configuration,
    Temporary,
    Permanent,
}
