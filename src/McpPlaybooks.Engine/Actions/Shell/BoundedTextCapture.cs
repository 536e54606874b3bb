using System.Globalization;
using System.Text;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>
/// Keeps at most a bound of a stream's bytes: the head and the tail (half each), counting what
/// falls between. It always reads to the end, so a writer never blocks on a full pipe.
/// Thread-safe: the text may be taken while a reader is still appending.
/// </summary>
internal sealed class BoundedTextCapture
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Lock _lock = new();
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private int _headLength;
    private long _tailWritten;

    public BoundedTextCapture(int maxBytes)
    {
        var bound = Math.Max(0, maxBytes);
        _head = new byte[bound - (bound / 2)];
        _tail = new byte[bound / 2];
    }

    /// <summary>Every byte seen, kept or not.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>The bytes seen but not kept.</summary>
    public long CutBytes
    {
        get
        {
            lock (_lock)
            {
                return TotalBytes - _headLength - Math.Min(_tailWritten, _tail.Length);
            }
        }
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            TotalBytes += bytes.Length;
            var toHead = Math.Min(bytes.Length, _head.Length - _headLength);
            bytes[..toHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += toHead;
            bytes = bytes[toHead..];
            if (_tail.Length == 0 || bytes.IsEmpty)
            {
                return;
            }

            if (bytes.Length > _tail.Length)
            {
                _tailWritten += bytes.Length - _tail.Length;
                bytes = bytes[^_tail.Length..];
            }

            var start = (int)(_tailWritten % _tail.Length);
            var first = Math.Min(bytes.Length, _tail.Length - start);
            bytes[..first].CopyTo(_tail.AsSpan(start));
            bytes[first..].CopyTo(_tail);
            _tailWritten += bytes.Length;
        }
    }

    /// <summary>Reads the stream to its end (or until cancelled, or the stream fails); never throws.</summary>
    public async Task DrainAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped on purpose (a pipe held open past the grace) or the pipe broke: keep what was read.
        }
    }

    /// <summary>
    /// The text kept, UTF-8 decoded (invalid bytes replaced), with a marker where bytes were cut and one final newline
    /// removed. No part of a secret of <paramref name="masker"/> that the cut split is kept.
    /// </summary>
    public string ToText(SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(masker);
        byte[] head;
        byte[] tail;
        long cut;
        lock (_lock)
        {
            head = _head.AsSpan(0, _headLength).ToArray();
            var tailLength = (int)Math.Min(_tailWritten, _tail.Length);
            tail = new byte[tailLength];
            var start = (int)((_tailWritten - tailLength) % Math.Max(1, _tail.Length));
            var first = Math.Min(tailLength, _tail.Length - start);
            _tail.AsSpan(start, first).CopyTo(tail);
            _tail.AsSpan(0, tailLength - first).CopyTo(tail.AsSpan(first));
            cut = TotalBytes - head.Length - tailLength;
        }

        string text;
        if (cut == 0)
        {
            text = Utf8.GetString([.. head, .. tail]);
        }
        else
        {
            // The bytes of a character the cut split are dropped too, and counted with the cut; so are the parts of a
            // secret it split, which masking (later, on the whole text) would not recognise.
            var headKept = WholeCharacters(head);
            var tailSkipped = SkipContinuation(tail);
            var headText = Utf8.GetString(head.AsSpan(0, headKept));
            var tailText = Utf8.GetString(tail.AsSpan(tailSkipped));
            var headOpen = masker.OpenEnd(headText);
            var tailOpen = masker.OpenStart(tailText);
            cut += head.Length - headKept + tailSkipped
                + Utf8.GetByteCount(headText.AsSpan(headText.Length - headOpen)) + Utf8.GetByteCount(tailText.AsSpan(0, tailOpen));
            text = headText[..^headOpen] + OutputCut.Marker(cut, TotalBytes) + tailText[tailOpen..];
        }

        return RemoveFinalNewline(text);
    }

    internal static string RemoveFinalNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;

    // The head's length without a multi-byte character the cut split.
    private static int WholeCharacters(byte[] head)
    {
        for (var back = 1; back <= Math.Min(3, head.Length); back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? head.Length - back : head.Length;
        }

        return head.Length;
    }

    // The tail's first bytes that continue a character the cut split.
    private static int SkipContinuation(byte[] tail)
    {
        var skip = 0;
        while (skip < Math.Min(3, tail.Length) && (tail[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return skip;
    }
}
