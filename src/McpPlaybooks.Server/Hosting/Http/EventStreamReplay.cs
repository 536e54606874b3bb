using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

#pragma warning disable MCP9006 // Obsolete in 2.3.1: the reader of the stateful event store, on purpose (see StreamableHttpEndpoint).

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>Writes a stored SSE stream (from the event store, after a <c>Last-Event-ID</c>) to a response, event ids kept.</summary>
internal static class EventStreamReplay
{
    public static Task CopyAsync(ISseEventStreamReader reader, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return SseFormatter.WriteAsync(reader.ReadEventsAsync(cancellationToken), destination, Format, cancellationToken);
    }

    private static void Format(SseItem<JsonRpcMessage?> item, IBufferWriter<byte> writer)
    {
        if (item.Data is null)
        {
            return;
        }

        using var json = new Utf8JsonWriter(writer);
        JsonSerializer.Serialize(json, item.Data, JsonRpcJson.Message);
    }
}
