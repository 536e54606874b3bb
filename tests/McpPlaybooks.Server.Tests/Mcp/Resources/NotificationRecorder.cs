using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>Records the resource notifications a client receives (method and URI), in order, for tests to wait on.</summary>
internal sealed class NotificationRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Channel<ResourceNotice> _received = Channel.CreateUnbounded<ResourceNotice>();
    private readonly List<IAsyncDisposable> _registrations = [];

    public NotificationRecorder(McpClient client)
    {
        foreach (var method in new[] { NotificationMethods.ResourceUpdatedNotification, NotificationMethods.ResourceListChangedNotification })
        {
            _registrations.Add(client.RegisterNotificationHandler(method, (notification, _) =>
            {
                _received.Writer.TryWrite(new ResourceNotice(notification.Method, notification.Params?["uri"]?.GetValue<string>()));
                return ValueTask.CompletedTask;
            }));
        }
    }

    /// <summary>Everything received so far and not yet read.</summary>
    public IReadOnlyList<ResourceNotice> Drain()
    {
        var notices = new List<ResourceNotice>();
        while (_received.Reader.TryRead(out var notice))
        {
            notices.Add(notice);
        }

        return notices;
    }

    /// <summary>Reads until every expectation has matched a notice, in any order (generous upper bound); returns every notice read.</summary>
    public async Task<IReadOnlyList<ResourceNotice>> WaitForAsync(params Func<ResourceNotice, bool>[] expectations)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new List<ResourceNotice>();
        var pending = expectations.ToList();
        while (pending.Count > 0)
        {
            var notice = await _received.Reader.ReadAsync(timeout.Token);
            read.Add(notice);
            pending.RemoveAll(expectation => expectation(notice));
        }

        return read;
    }

    public static Func<ResourceNotice, bool> Updated(string uri) =>
        n => n.Method == NotificationMethods.ResourceUpdatedNotification && n.Uri == uri;

    public static bool ListChanged(ResourceNotice notice) => notice.Method == NotificationMethods.ResourceListChangedNotification;

    public async ValueTask DisposeAsync()
    {
        foreach (var registration in _registrations)
        {
            await registration.DisposeAsync();
        }
    }
}
