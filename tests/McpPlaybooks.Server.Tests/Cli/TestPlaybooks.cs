namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>Playbook texts whose verdict does not depend on the validator's details.</summary>
internal static class TestPlaybooks
{
    /// <summary>A small, complete playbook with no error.</summary>
    public const string Valid = """
        id: say-hello
        name: Say hello
        version: 1.0.0
        description: Logs a greeting.
        steps:
          - id: greet
            action: log
            with: { message: hello }
        """;

    /// <summary>An empty document: an error at 1:1 whatever the validator.</summary>
    public const string Empty = "";

    /// <summary>A playbook whose second step needs a misspelt step id, at line 11, column 9.</summary>
    public const string WithTypoInNeeds = """
        id: typo
        name: Typo in needs
        version: 1.0.0
        timeout: 5m
        steps:
          - id: check
            action: log
            with: { message: checking }
          - id: restart
            needs:
              - chek
            action: log
            with: { message: restarting }
        """;
}
