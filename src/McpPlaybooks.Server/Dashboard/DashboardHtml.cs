using System.Text;
using System.Text.Encodings.Web;
using McpPlaybooks.Server.Hosting.Http.Auth;
using Microsoft.AspNetCore.Http;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>The dashboard's pages: one layout (header with the navigation bar and who is logged in, the CSS, the shared helpers and the page's script) around a main part.</summary>
internal static class DashboardHtml
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    /// <summary>A whole page. <paramref name="main"/> is HTML already; everything else is encoded here.</summary>
    public static string Page(string title, HttpCaller? caller, string? csrf, string main, string? script = null)
    {
        var page = new StringBuilder();
        page.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" · mcp-playbooks</title>")
            .Append("<link rel=\"stylesheet\" href=\"/ui/assets/dashboard.css\">");
        if (csrf is not null)
        {
            page.Append("<meta name=\"csrf-token\" content=\"").Append(Encode(csrf)).Append("\">");
        }

        if (script is not null)
        {
            // Deferred scripts run in document order: the shared helpers (McpUi) before the main part's and the page's.
            page.Append("<script src=\"/ui/assets/ui.js\" defer></script>");
        }

        page.Append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>")
            .Append("<header class=\"bar\"><a class=\"brand\" href=\"/ui/\">mcp-playbooks</a>").Append(DashboardNav.Html(script));
        if (caller is not null)
        {
            page.Append("<span class=\"who\">").Append(Encode(caller.Identity)).Append("</span>");
            if (csrf is not null && !caller.Identity.StartsWith("local:", StringComparison.Ordinal))
            {
                page.Append("<form method=\"post\" action=\"/ui/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .Append(Encode(csrf)).Append("\"><button type=\"submit\">Log out</button></form>");
            }
        }

        page.Append("</header><main id=\"main\" tabindex=\"-1\">").Append(main).Append("</main>");
        if (script is not null)
        {
            page.Append("<script src=\"/ui/assets/").Append(Encode(script)).Append("\" defer></script>");
        }

        return page.Append("</body></html>\n").ToString();
    }

    public static Task WriteAsync(HttpContext context, int status, string html)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }

    /// <summary>A page that says one thing: a refusal, and what to do instead.</summary>
    public static Task WriteMessageAsync(HttpContext context, int status, string title, string message) =>
        WriteAsync(context, status, Page(title, caller: null, csrf: null, $"<h1>{Encode(title)}</h1><p class=\"message\">{Encode(message)}</p>"));
}
