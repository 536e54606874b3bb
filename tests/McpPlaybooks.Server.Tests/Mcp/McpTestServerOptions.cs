using System.Collections.Concurrent;
using McpPlaybooks.Server.Hosting.Http.Auth;
using McpPlaybooks.Server.Mcp;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp;

/// <summary>How <see cref="McpTestServer"/> is set up.</summary>
internal sealed record McpTestServerOptions
{
    /// <summary>Playbook files written to the test's playbook folder (file name → text).</summary>
    public IReadOnlyDictionary<string, string> Playbooks { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the bundled playbooks (copied beside the tests) are in the catalogue too, after the test's folder.</summary>
    public bool IncludeBundled { get; init; }

    /// <summary>The client's options (capabilities, handlers); the protocol version is pinned whatever is given.</summary>
    public McpClientOptions? Client { get; init; }

    /// <summary>When set, every JSON-RPC message the server receives (<c>in</c>) or sends (<c>out</c>), in order, as it passes.</summary>
    public ConcurrentQueue<(string Direction, JsonRpcMessage Message)>? Wire { get; init; }

    /// <summary>The prompt folder; null: the bundled prompts beside the tests (shared: a test that edits prompts gives its own).</summary>
    public string? PromptDirectory { get; init; }

    /// <summary>The roles of the person behind the client (the <c>Roles</c> setting of <c>serve</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Whether an assistant's approve_step counts on every gate (<c>Approvals:AcceptAssistant</c>); off, as by default.</summary>
    public bool AcceptAssistantApprovals { get; init; }

    /// <summary>The person who answers the client's questions (<c>Approvals:ChatUser</c>); null: <c>chat:&lt;client&gt;</c>.</summary>
    public string? ChatUser { get; init; }

    /// <summary>Environment variables the engine reads secrets from.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Who every message comes from, as the HTTP transport says it for a bearer token: its principal is set on each
    /// incoming message (<c>Context.User</c>), exactly as the transport does. Null: no token (stdio).
    /// </summary>
    public HttpCaller? Caller { get; init; }

    /// <summary>The engine's data directory; null: one of the test's own. Two servers given one share a history, as two processes would.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// How often the engine applies what other processes queued for it (<c>EngineOptions.PollInterval</c>); null: the
    /// default. Hours make a live owner that does not answer, as a process that died before its lease ran out.
    /// </summary>
    public TimeSpan? EnginePollInterval { get; init; }

    /// <summary>How long a request forwarded to another process waits for it (<c>EngineOptions.ForwardWait</c>); null: the default, 10 s.</summary>
    public TimeSpan? ForwardWait { get; init; }

    /// <summary>
    /// The engine's clock; null: the real one. A server whose clock stands still keeps leases that another server, on a
    /// clock 20 s on, finds run out: it takes the executions over while the first one still runs, as after a crash.
    /// </summary>
    public TimeProvider? EngineTime { get; init; }

    /// <summary>
    /// The protocol the client asks for: 2025-11-25 (sessions, server-initiated elicitation) unless a test says
    /// 2026-07-28; null leaves the client unpinned, so that it offers the newest it speaks (2026-07-28 with 2.4.0).
    /// </summary>
    public string? ProtocolVersion { get; init; } = McpServerComposition.ProtocolVersion;
}
