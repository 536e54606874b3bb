using System.Text.Json;
using McpPlaybooks.Engine.Actions;
using McpPlaybooks.Engine.Configuration;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Actions.Http;

/// <summary>Builds invocations and options for the HTTP action tests.</summary>
internal static class Invocations
{
    public const string ExecutionId = "exec-1";

    /// <summary>Arguments written as JSON, as the engine would render them from <c>with:</c>.</summary>
    public static Value Args(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Value.FromJson(document.RootElement);
    }

    public static ActionInvocation Of(Value arguments, string stepId = "call", int? iteration = null, int attempt = 1, RecordingActionLog? log = null) => new()
    {
        ExecutionId = ExecutionId,
        StepId = stepId,
        Iteration = iteration,
        Attempt = attempt,
        Arguments = arguments,
        Log = log ?? new RecordingActionLog(),
    };

    public static EngineOptions Options(IReadOnlyList<string>? hostAllowlist = null, int maxOutputBytes = 64 * 1024) => new()
    {
        DataDirectory = Path.GetTempPath(),
        HostAllowlist = hostAllowlist ?? [],
        MaxOutputBytes = maxOutputBytes,
    };

    /// <summary>A port on 127.0.0.1 that nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
