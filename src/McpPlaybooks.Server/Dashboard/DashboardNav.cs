using System.Text;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>
/// The navigation bar of every dashboard page (written by <see cref="DashboardHtml.Page"/>): Executions, Playbooks,
/// Insights, the current section marked with <c>aria-current</c>. A page's section is known by its script, so a page
/// needs nothing more than the script it already names.
/// </summary>
internal static class DashboardNav
{
    private static readonly (string Label, string Href, string[] Scripts)[] Sections =
    [
        ("Executions", DashboardRoutes.Home, ["executions.js", "execution.js"]),
        ("Playbooks", DashboardRoutes.Playbooks, ["playbooks.js", "playbook.js"]),
        ("Insights", DashboardRoutes.Insights, ["insights.js"]),
    ];

    /// <summary>The <c>nav</c> element; <paramref name="script"/> is the page's script (null: no section is current).</summary>
    public static string Html(string? script)
    {
        var nav = new StringBuilder("<nav class=\"sections\" aria-label=\"Dashboard\">");
        foreach (var (label, href, scripts) in Sections)
        {
            var current = script is not null && scripts.Contains(script, StringComparer.Ordinal);
            nav.Append("<a href=\"").Append(href).Append('"').Append(current ? " aria-current=\"page\"" : "").Append('>').Append(label).Append("</a>");
        }

        return nav.Append("</nav>").ToString();
    }
}
