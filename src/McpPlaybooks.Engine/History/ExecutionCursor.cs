using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace McpPlaybooks.Engine.History;

/// <summary>The opaque cursor of <see cref="ExecutionPage.NextCursor"/>: the (created_at, id) of the last execution of a page.</summary>
internal readonly record struct ExecutionCursor(long CreatedAt, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt}:{Id}")));

    public static ExecutionCursor Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var createdAt))
            {
                return new ExecutionCursor(createdAt, text[(colon + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below.
        }

        throw new ArgumentException($"The cursor '{cursor}' is not one that listing executions returned; pass a page's NextCursor, or null for the first page.", nameof(cursor));
    }
}
