using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.Execution.Approvals.Links;
using McpPlaybooks.Server.Approvals.Links;
using McpPlaybooks.Server.Approvals.Review;
using McpPlaybooks.Server.Hosting.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Server.Web;

/// <summary>
/// <c>GET /approve/{token}</c> shows a link's gate; <c>POST /approve/{token}</c> decides it once. The link is the credential,
/// so these are not behind the bearer token of <c>/mcp</c>; they stay behind the Origin/Host check. A post must come from
/// the page itself: its Origin is this server's, and it carries the page's CSRF token. Any refusal records nothing.
/// </summary>
internal static partial class ApprovalLinkEndpoints
{
    public const string Route = "/approve/{token}";

    /// <summary>Maps the page; its services (<see cref="ApprovalPageCsrf"/>, <see cref="ApprovalPageThrottle"/>) come from <see cref="AddApprovalPage"/>.</summary>
    public static IEndpointRouteBuilder MapApprovalLinks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, (RequestDelegate)ShowAsync);
        endpoints.MapPost(Route, (RequestDelegate)DecideAsync);
        return endpoints;
    }

    public static IServiceCollection AddApprovalPage(this IServiceCollection services)
    {
        services.AddSingleton<ApprovalPageCsrf>();
        services.AddSingleton<ApprovalPageThrottle>();
        return services;
    }

    private static async Task ShowAsync(HttpContext context)
    {
        var page = Services.Of(context);
        Secure(context.Response);
        var token = Token(context);
        var lookup = await page.Engine.Links.LookupAsync(token, context.RequestAborted);
        if (lookup.Status == LinkStatus.Open)
        {
            await WriteHtmlAsync(context, StatusCodes.Status200OK, ApprovalPageHtml.Gate(lookup, page.Csrf.TokenFor(lookup.Link!.TokenSha256)));
            return;
        }

        // Only unknown links are held back: behind a proxy every person shares one address, and a real link must still open.
        if (lookup.Status == LinkStatus.Unknown && page.Throttle.IsBlocked(context.Connection.RemoteIpAddress))
        {
            await WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many unknown links", "This address asked for too many links that do not exist, and this one does not exist either.", "Check that you opened the whole link; wait a minute before trying others.");
            return;
        }

        await RefuseAsync(context, page, lookup.Status, lookup.Reason);
    }

    private static async Task DecideAsync(HttpContext context)
    {
        var page = Services.Of(context);
        Secure(context.Response);
        var token = Token(context);
        if (!FromThisServer(context, page.Address))
        {
            page.Refused("its Origin is not this server's page");
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Not from this page", "A decision is accepted only from the approval page itself (its Origin header), and this one came from elsewhere.", "Open the link in your browser and use its buttons. Nothing was recorded.");
            return;
        }

        var form = await PostedForm.ReadAsync(context, (status, title, message) => WriteAsync(context, status, title, message, "Open the link and use its buttons."));
        if (form is null)
        {
            return;
        }

        if (!LinkTokens.IsWellFormed(token) || !page.Csrf.Verify(LinkTokens.Hash(token), form["csrf"].ToString()))
        {
            page.Refused("its CSRF token is missing or not this link's page's");
            await WriteAsync(context, StatusCodes.Status403Forbidden, "Form not accepted", "The form did not carry this page's token: it was not posted from the page this server showed for this link (or the server restarted since).", "Open the link again and decide from the page it shows. Nothing was recorded.");
            return;
        }

        if (DecisionForm.Approve(form["decision"].ToString()) is not { } approve)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "No decision", "The form must say approve or reject.", "Use the page's Approve or Reject button. Nothing was recorded.");
            return;
        }

        var result = await page.Engine.Links.RedeemAsync(token, approve, DecisionForm.Comment(form["comment"].ToString()), context.RequestAborted);
        if (result.Decided)
        {
            var link = result.Lookup!.Link!;
            LogDecided(page.Logger, link.ExecutionId, link.StepId, approve ? "approved" : "rejected", result.Lookup.Decider!.Identity);
            var verb = approve ? "Approved" : "Rejected";
            await WriteAsync(context, StatusCodes.Status200OK, verb, $"You {verb.ToLowerInvariant()} step '{link.StepId}' of execution {link.ExecutionId} (recorded as {result.Lookup.Decider.Identity}, channel link).",
                approve ? "The execution goes on once the gate has all the approvals it needs. This link is used now." : "The step fails and the execution's on_failure applies. This link is used now.");
            return;
        }

        await RefuseAsync(context, page, result.Status, result.Message);
    }

    private static async Task RefuseAsync(HttpContext context, Services page, LinkStatus status, string reason)
    {
        switch (status)
        {
            case LinkStatus.Unknown:
                page.Throttle.Failed(context.Connection.RemoteIpAddress);
                await WriteAsync(context, StatusCodes.Status404NotFound, "Unknown link", $"This is not an approval link of this server: {reason}.", "Check that you opened the whole link. 'mcp-playbooks approvals' on the server's machine lists the waiting gates with fresh links. Nothing was recorded.");
                break;
            case LinkStatus.Used:
                await WriteAsync(context, StatusCodes.Status410Gone, "Link already used", Sentence(reason), "To change a decision, ask whoever runs the execution; 'mcp-playbooks approvals' lists the gates still waiting. Nothing was recorded.");
                break;
            case LinkStatus.Closed:
                await WriteAsync(context, StatusCodes.Status410Gone, "Gate closed", Sentence(reason), "Nothing is waiting for this link any more, and nothing was recorded. 'mcp-playbooks show EXECUTION' tells how the execution stands.");
                break;
            default:
                page.Refused("the decider may not decide", reason);
                await WriteAsync(context, StatusCodes.Status403Forbidden, "Decision refused", Sentence(reason), "Nothing was recorded. Ask for a link issued for you: 'mcp-playbooks approvals' on the server's machine prints one for its OS user.");
                break;
        }
    }

    /// <summary>A post must carry Origin, and it must be this page's: the request's own scheme and host, or the configured public base address.</summary>
    private static bool FromThisServer(HttpContext context, ApprovalPageAddress address) =>
        OwnOrigin.Matches(context, address.BaseAddress, refererWithoutOrigin: false);

    private static string Token(HttpContext context) => context.Request.RouteValues["token"] as string ?? "";

    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    /// <summary>Headers of every answer: nothing loads, nothing frames it, nothing keeps it, no address leaks to another site.</summary>
    internal static void Secure(HttpResponse response)
    {
        // Referrer-Policy is same-origin rather than no-referrer: under no-referrer a browser sends "Origin: null" with the
        // page's own form post, and the Origin check could not tell the page from any other. same-origin still never sends
        // the link's address to another site (and the page links nowhere).
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string text, string next) =>
        WriteHtmlAsync(context, status, ApprovalPageHtml.Message(title, text, next));

    private static Task WriteHtmlAsync(HttpContext context, int status, string html)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval link used on {ExecutionId}/{StepId}: {Decision} as {Identity} (channel link)")]
    private static partial void LogDecided(ILogger logger, string executionId, string stepId, string decision, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a decision through an approval link: {Reason}; nothing was recorded")]
    private static partial void LogRefused(ILogger logger, string reason);

    private sealed record Services(PlaybookEngine Engine, ApprovalPageCsrf Csrf, ApprovalPageThrottle Throttle, ApprovalPageAddress Address, RefusalLogThrottle LogThrottle, ILogger Logger)
    {
        /// <summary>Logs a refused decision unless its reason has been logged too often this minute (anyone may post to a link's address).</summary>
        public void Refused(string reason, string? detail = null)
        {
            if (LogThrottle.Admit(Logger, "approval page: " + reason))
            {
                LogRefused(Logger, detail ?? reason);
            }
        }

        public static Services Of(HttpContext context)
        {
            var provider = context.RequestServices;
            return new Services(
                provider.GetRequiredService<PlaybookEngine>(),
                provider.GetRequiredService<ApprovalPageCsrf>(),
                provider.GetRequiredService<ApprovalPageThrottle>(),
                provider.GetRequiredService<ApprovalPageAddress>(),
                provider.GetRequiredService<RefusalLogThrottle>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApprovalLinkEndpoints).FullName!));
        }
    }
}
