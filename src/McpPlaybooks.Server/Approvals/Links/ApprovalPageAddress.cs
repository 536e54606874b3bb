using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Server.Hosting;

namespace McpPlaybooks.Server.Approvals.Links;

/// <summary>
/// Where this process serves the approval page, once a listener that serves it has started (<c>serve --http</c>'s own, or
/// the loopback page of stdio <c>serve --ui</c>); <c>Approvals:PageBaseUrl</c> replaces the listener's address when set
/// (a proxy in front). The address is recorded in the history (<c>approval_pages</c>) so that <c>mcp-playbooks approvals</c>
/// in another process can print links that work; it is removed when the listener stops.
/// </summary>
internal sealed class ApprovalPageAddress(PlaybookEngine engine, ServerSettings settings, TimeProvider time)
{
    /// <summary>The path of a link below the base address: <c>approve/TOKEN</c>.</summary>
    public const string LinkPath = "approve/";

    private Uri? _base;

    /// <summary>The page's base address (ending with '/'); null while no listener serves it.</summary>
    public Uri? BaseAddress => Volatile.Read(ref _base);

    /// <summary>A listener serving the page started at <paramref name="listener"/> (its root); records the page's address.</summary>
    public async Task SetAsync(Uri listener, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var address = settings.Approvals.PageBaseUrl ?? (listener.AbsoluteUri.EndsWith('/') ? listener : new Uri(listener.AbsoluteUri + "/"));
        Volatile.Write(ref _base, address);
        cancellationToken.ThrowIfCancellationRequested();
        await engine.History.ApprovalLinks.SavePageAsync(new ApprovalPageRecord(engine.OwnerId, address.AbsoluteUri, time.GetUtcNow()));
    }

    /// <summary>
    /// The listener stopped: no more links are issued, and the recorded address is removed. When the history closed
    /// first, the record stays: <c>approvals</c> drops a page whose server is gone.
    /// </summary>
    public async Task ClearAsync()
    {
        if (Interlocked.Exchange(ref _base, null) is not null)
        {
            try
            {
                await engine.History.ApprovalLinks.RemovePageAsync(engine.OwnerId);
            }
            catch (ObjectDisposedException)
            {
                // the engine closed before its listener
            }
        }
    }

    /// <summary>The address of the link with this token; null while no listener serves the page.</summary>
    public Uri? LinkFor(string token) => BaseAddress is { } address ? LinkFor(address, token) : null;

    public static Uri LinkFor(Uri baseAddress, string token)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return new Uri(baseAddress, LinkPath + Uri.EscapeDataString(token));
    }

    /// <summary>
    /// Issues a link for the open gate and gives its address, in one call; null (nothing issued) while no listener serves
    /// the page. Refusals are the engine's (<see cref="Engine.Execution.Control.ExecutionRefusedException"/>: no gate waits).
    /// </summary>
    public async Task<Uri?> IssueAsync(string executionId, string stepId, LinkHolder? holder, string issuedBy, CancellationToken cancellationToken)
    {
        if (BaseAddress is not { } address)
        {
            return null;
        }

        var link = await engine.Links.IssueAsync(executionId, stepId, holder, issuedBy, cancellationToken);
        return LinkFor(address, link.Token);
    }
}
