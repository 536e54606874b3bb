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

    /// <summary>Reads secrets.API_TOKEN (at 8:26), and nothing else to warn about.</summary>
    public const string ReadsASecret = """
        id: reads-a-secret
        name: Reads a secret
        version: 1.0.0
        timeout: 5m
        steps:
          - id: call
            action: log
            with: { message: "{{ secrets.API_TOKEN }}" }
        """;

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
