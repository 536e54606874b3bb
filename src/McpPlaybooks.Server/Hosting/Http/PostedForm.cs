using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The one way our pages and the dashboard's API read a POSTed HTML form: a body that is not one (415), is larger than the
/// server takes (413, naming the limit; the connection closes, the rest of the body unread) or cannot be read as one (400:
/// more than 1,024 fields, a broken multipart body) is refused through the caller's <see cref="Refusal"/>, in the
/// endpoint's own shape, rather than escaping as an unhandled exception (a 500, or a 413 with an empty body).
/// </summary>
internal static class PostedForm
{
    /// <summary>Answers a refusal: the status, a title, and a sentence saying what was wrong and what to send.</summary>
    public delegate Task Refusal(int status, string title, string message);

    /// <returns>The form, or null once <paramref name="refuse"/> has answered.</returns>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context, Refusal refuse)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refuse);
        if (!context.Request.HasFormContentType)
        {
            await refuse(StatusCodes.Status415UnsupportedMediaType, "Not a form",
                "The body must be a form (Content-Type: application/x-www-form-urlencoded or multipart/form-data), as the page's own forms and scripts send it. Nothing was done.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            context.Response.Headers.Connection = "close";
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            await refuse(StatusCodes.Status413PayloadTooLarge, "Form too large",
                $"The form is larger than this server takes{(limit is { } bytes ? $" (at most {bytes} bytes)" : "")}. Nothing was done.").ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException && !context.Response.HasStarted)
        {
            await refuse(StatusCodes.Status400BadRequest, "Form not readable", $"The form could not be read: {e.Message} Nothing was done.").ConfigureAwait(false);
        }

        return null;
    }
}
