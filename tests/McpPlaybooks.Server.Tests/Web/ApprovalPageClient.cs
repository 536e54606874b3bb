using System.Net;
using System.Text.RegularExpressions;

namespace McpPlaybooks.Server.Tests.Web;

/// <summary>What a browser does with the approval page, over a plain <see cref="HttpClient"/>: open it, read its form, post it.</summary>
internal static partial class ApprovalPageClient
{
    public static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(HttpClient client, Uri link)
    {
        var response = await client.GetAsync(link);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The page's CSRF token (its hidden field).</summary>
    public static string Csrf(string html) => CsrfField().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("the page has no csrf field: " + html);

    /// <summary>Posts the form as the page would, with <paramref name="origin"/> as its Origin (null: none).</summary>
    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient client, Uri link, string? csrf, string decision, string? origin, string comment = "")
    {
        var fields = new List<KeyValuePair<string, string>> { new("decision", decision), new("comment", comment) };
        if (csrf is not null)
        {
            fields.Add(new("csrf", csrf));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent(fields) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The origin a browser sends for a page at <paramref name="link"/>.</summary>
    public static string OriginOf(Uri link) => link.GetLeftPart(UriPartial.Authority);

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
