namespace McpPlaybooks.Server.Tests.Mcp.Tools.Catalog;

/// <summary>The playbook files the catalogue tool tests put in the test server's folder.</summary>
internal static class CatalogPlaybooks
{
    /// <summary>Two versions of restart-service, clear-disk, and one file left out for an unknown key (line 4, column 1).</summary>
    public static Dictionary<string, string> Files() => new()
    {
        ["restart-1.0.0.yaml"] = Restart("1.0.0"),
        ["restart-1.1.0.yaml"] = Restart("1.1.0"),
        ["clear-disk.yaml"] = ClearDisk,
        ["broken.yaml"] = Broken,
    };

    public static string Restart(string version) => $$$"""
        id: restart-service
        name: Restart a service
        version: {{{version}}}
        description: Restarts a systemd service that stopped answering.
        owner: sre-team
        tags: [linux, remediation]
        triggers:
          - type: [availability]
            service: [checkout, payments]
            severity: [P1, P2]
          - root_cause: "OOMKill*"
            min_confidence: 0.8
        inputs:
          service: { type: string, description: systemd unit }
          mode: { type: string, enum: [soft, hard], default: soft }
        timeout: 5m
        steps:
          - id: check
            action: log
            timeout: 10s
            with: { message: "checking {{ inputs.service }} ({{ inputs.mode }})" }
          - id: restart
            needs: [check]
            action: log
            timeout: 30s
            with: { message: restarting }

        """;

    public const string ClearDisk = """
        id: clear-disk
        name: Clear disk space
        version: 2.0.0
        description: Removes old logs when a disk fills up.
        tags: [linux, disk]
        triggers:
          - type: [capacity]
            root_cause: disk_full
        timeout: 5m
        steps:
          - id: clean
            action: log
            timeout: 10s
            with: { message: cleaning }

        """;

    public const string Broken = """
        id: broken-one
        name: Broken
        version: 1.0.0
        colour: blue
        steps:
          - id: only
            action: log
            with: { message: hi }

        """;

    /// <summary>A valid new playbook with no inputs, to save; <paramref name="message"/> changes its text.</summary>
    public static string Fresh(string version, string message = "hello") => $$"""
        id: fresh-check
        name: Fresh check
        version: {{version}}
        description: A playbook saved through save_playbook.
        tags: [new]
        timeout: 1m
        steps:
          - id: hello
            action: log
            timeout: 10s
            with: { message: {{message}} }

        """;
}
