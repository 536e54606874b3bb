namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// Playbooks that start each other (engine and server tests): <see cref="A"/> and <see cref="B"/> by ids written in them (PB1009), <see cref="Ping"/>
/// and <see cref="Pong"/> through a templated id that validation cannot follow, so only the run's depth limit stops them.
/// </summary>
internal static class ChildCyclePlaybooks
{
    public const string A = """
        id: a
        name: A
        version: 1.0.0
        timeout: 1m
        steps:
          - id: call
            action: playbook
            with: { id: b }
        """;

    public const string B = """
        id: b
        name: B
        version: 1.0.0
        timeout: 1m
        steps:
          - id: back
            action: playbook
            with: { id: a }
        """;

    public const string Ping = """
        id: ping
        name: Ping
        version: 1.0.0
        timeout: 1m
        inputs:
          next: { type: string, default: pong }
        steps:
          - id: hop
            action: playbook
            with: { id: "{{ inputs.next }}" }
        """;

    public const string Pong = """
        id: pong
        name: Pong
        version: 1.0.0
        timeout: 1m
        steps:
          - id: back
            action: playbook
            with: { id: ping }
        """;

    /// <summary>What the depth limit's error names when <see cref="Ping"/> runs.</summary>
    public const string PingChain = "ping (step 'hop') → pong (step 'back') → ping (step 'hop') → pong (step 'back') → ping (step 'hop') → pong (step 'back') → ping";
}
