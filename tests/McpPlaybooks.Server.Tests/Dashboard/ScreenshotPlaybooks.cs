namespace McpPlaybooks.Server.Tests.Dashboard;

/// <summary>Playbooks with the names of real runbooks, for the README's screenshot of the executions list.</summary>
internal static class ScreenshotPlaybooks
{
    public static Dictionary<string, string> All() => new()
    {
        ["restart.yaml"] = Logs("restart-unhealthy-service", "2.1.0"),
        ["cleanup.yaml"] = Logs("disk-space-cleanup", "1.4.2"),
        ["oom.yaml"] = Logs("oom-pod-memory-increase", "1.0.3"),
        ["tls.yaml"] = """
            id: tls-certificate-rotation
            name: TLS certificate rotation
            version: 3.0.0
            steps:
              - id: check
                action: log
                with: { message: "certificate expires in 6 days" }
              - id: rotate
                needs: [check]
                approval: { message: "Rotate the certificate of api.example.com?", timeout: 1h }
                action: log
                with: { message: rotated }
            """,
        ["failover.yaml"] = """
            id: database-failover
            name: Database failover
            version: 1.2.0
            steps:
              - id: promote
                action: shell
                with: { command: [/bin/sh, -c, 'echo "replica lag 42s, refusing to promote" >&2; exit 3'] }
                rollback: []
            """,
        ["drain.yaml"] = """
            id: drain-kubernetes-node
            name: Drain a Kubernetes node
            version: 1.1.0
            inputs:
              flag: { type: string }
            steps:
              - id: cordon
                action: log
                with: { message: cordoned }
              - id: evict
                needs: [cordon]
                action: shell
                with: { command: [/bin/sh, -c, 'until [ -e "$0" ]; do sleep 0.05; done', "{{ inputs.flag }}"] }
                timeout: 60s
                rollback: []
            """,
    };

    private static string Logs(string id, string version) => $$"""
        id: {{id}}
        name: {{id}}
        version: {{version}}
        steps:
          - id: check
            action: log
            with: { message: checked }
          - id: act
            needs: [check]
            action: log
            with: { message: done }
        """;
}
