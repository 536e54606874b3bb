using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Http;

/// <summary>A response body read with a bound: the text kept, and whether the rest was cut.</summary>
internal sealed record ResponseBody(string Text, bool Truncated)
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>How far a body past the bound is read, only to count it.</summary>
    public const long MaxCountedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Keeps at most <paramref name="maxBytes"/> bytes and counts the rest (up to <see cref="MaxCountedBytes"/>); a cut body
    /// ends with <c>…[cut at N of M bytes; only the head is kept]</c>, and without the start of a secret of
    /// <paramref name="masker"/> that the cut split.
    /// </summary>
    public static async Task<ResponseBody> ReadAsync(HttpContent content, int maxBytes, SecretMasker masker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(masker);
        var limit = Math.Max(0, maxBytes);
        using var kept = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var truncated = false;
        var total = 0L;
        var counted = true;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                // Ask for one byte more than the bound allows, to learn whether anything lies past it.
                var wanted = (int)Math.Min(chunk.Length, limit + 1L - kept.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (kept.Length + read > limit)
                {
                    kept.Write(chunk, 0, (int)(limit - kept.Length));
                    truncated = true;
                    (total, counted) = await CountRestAsync(stream, chunk, total, cancellationToken);
                    break;
                }

                kept.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = kept.GetBuffer().AsSpan(0, (int)kept.Length);
        var encoding = EncodingOf(content);
        if (truncated && encoding is UTF8Encoding)
        {
            bytes = bytes[..CompleteUtf8Length(bytes)];
        }

        var text = encoding.GetString(bytes);
        return truncated
            ? new ResponseBody(text[..^masker.OpenEnd(text)] + string.Create(CultureInfo.InvariantCulture, $"…[cut at {limit:N0} of {(counted ? "" : "at least ")}{total:N0} bytes; only the head is kept]"), Truncated: true)
            : new ResponseBody(text, Truncated: false);
    }

    /// <summary>Reads on, discarding, to learn the body's true size; stops at <see cref="MaxCountedBytes"/> (then not all was counted).</summary>
    private static async Task<(long Total, bool Counted)> CountRestAsync(Stream stream, byte[] chunk, long total, CancellationToken cancellationToken)
    {
        while (total < MaxCountedBytes)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return (total, true);
            }

            total += read;
        }

        return (total, false);
    }

    /// <summary>The body parsed as JSON when the content type says JSON and the whole body was read and parses; null otherwise.</summary>
    public Value? ParseJson(HttpContent content)
    {
        var mediaType = content.Headers.ContentType?.MediaType;
        var isJson = mediaType is not null
            && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!isJson || Truncated || Text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Text);
            return Value.FromJson(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first characters of the body on one line, for a failure message: masked with <paramref name="masker"/> before its
    /// lines are joined (a secret of several lines would no longer be recognised after), and cut after.
    /// </summary>
    public string Excerpt(SecretMasker masker, int maxChars = 200)
    {
        ArgumentNullException.ThrowIfNull(masker);
        var oneLine = string.Join(' ', masker.Apply(Text).Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= maxChars ? oneLine : masker.Head(oneLine, maxChars) + "…";
    }

    private static Encoding EncodingOf(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    /// <summary>The length of the bytes without a UTF-8 sequence cut in the middle at their end.</summary>
    private static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
    {
        for (var i = bytes.Length - 1; i >= 0 && i >= bytes.Length - 4; i--)
        {
            var b = bytes[i];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return i + length <= bytes.Length ? bytes.Length : i;
        }

        return bytes.Length;
    }
}
