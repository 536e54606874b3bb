using System.Threading.Channels;
using ModelContextProtocol;

namespace McpPlaybooks.Server.Tests.Mcp.Tools.Executions;

/// <summary>Keeps every progress notification the client hears, in order, as it hears it (no synchronisation context).</summary>
internal sealed class RecordingProgress : IProgress<ProgressNotificationValue>
{
    private readonly Channel<ProgressNotificationValue> _heard = Channel.CreateUnbounded<ProgressNotificationValue>();

    public void Report(ProgressNotificationValue value) => _heard.Writer.TryWrite(value);

    /// <summary>The next <paramref name="count"/> notifications, waiting at most 10 s for them.</summary>
    public async Task<IReadOnlyList<ProgressNotificationValue>> TakeAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var taken = new List<ProgressNotificationValue>();
        while (taken.Count < count)
        {
            taken.Add(await _heard.Reader.ReadAsync(timeout.Token));
        }

        return taken;
    }

    /// <summary>What arrived and was not taken yet.</summary>
    public List<ProgressNotificationValue> Rest()
    {
        var rest = new List<ProgressNotificationValue>();
        while (_heard.Reader.TryRead(out var value))
        {
            rest.Add(value);
        }

        return rest;
    }
}
