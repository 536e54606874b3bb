using System.Threading.Channels;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>One page's place in the <see cref="ExecutionFeed"/>: its rows as they come; completed when the feed stops or drops it.</summary>
internal sealed class FeedSubscription(ChannelReader<ExecutionSummary> reader, Action leave) : IDisposable
{
    public ChannelReader<ExecutionSummary> Reader => reader;

    public void Dispose() => leave();
}
