using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp;

/// <summary>Client options of a chat that answers the server's elicitation (a gate asked in the chat), noting each question.</summary>
internal static class ChatClients
{
    /// <summary>Answers every question with <paramref name="action"/> and, when given, <paramref name="decision"/> and a comment.</summary>
    public static McpClientOptions Answering(string name, ConcurrentQueue<ElicitRequestParams> asked, string action = "accept", string? decision = "approve") => new()
    {
        ClientInfo = new Implementation { Name = name, Version = "1.0.0" },
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Enqueue(request!);
                var content = decision is null
                    ? null
                    : new Dictionary<string, JsonElement>
                    {
                        ["decision"] = JsonSerializer.SerializeToElement(decision),
                        ["comment"] = JsonSerializer.SerializeToElement("fine by me"),
                    };
                return ValueTask.FromResult(new ElicitResult { Action = action, Content = content });
            },
        },
    };
}
