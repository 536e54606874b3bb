using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Documents;

/// <summary>
/// A playbook file's text, read within bounds: no more bytes than a document of <see cref="DocumentLimits.MaxCharacters"/>
/// characters can take (a 3 GB file, or a link to <c>/dev/zero</c>, would exhaust the process), and only UTF-8 (with or
/// without a byte order mark) or UTF-16 with one: a byte that is not UTF-8 is refused where it is, since it would
/// otherwise reach a program's arguments as U+FFFD in place of the author's character.
/// </summary>
public static class PlaybookFileText
{
    /// <summary>The most bytes a document may take: each of its characters is at most 4 bytes of UTF-8.</summary>
    public const int MaxBytes = DocumentLimits.MaxCharacters * 4;

    private const string TooLargeFix = "split the playbook, or move large data out of it";

    /// <summary>
    /// The file's text, or null with <paramref name="problem"/> (PB0004 too large, PB0001 not UTF-8). Errors of the file
    /// system (missing, unreadable) are thrown, as <see cref="File.ReadAllText(string)"/> throws them.
    /// </summary>
    public static string? Read(string path, out Diagnostic? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = null;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        if (stream.CanSeek && stream.Length > MaxBytes)
        {
            problem = TooLarge($"the file is {stream.Length:N0} bytes");
            return null;
        }

        // A device or a pipe says no length (0): it is read up to the limit, and one byte more tells that it goes on.
        var bytes = ReadAtMost(stream, MaxBytes + 1, stream.CanSeek && stream.Length > 0 ? (int)stream.Length + 1 : 64 * 1024);
        if (bytes.Length > MaxBytes)
        {
            problem = TooLarge($"the file has more than {MaxBytes:N0} bytes");
            return null;
        }

        return Decode(bytes, out problem);
    }

    private static ReadOnlySpan<byte> ReadAtMost(Stream stream, int limit, int capacity)
    {
        var buffer = new byte[Math.Min(limit, capacity)];
        var total = 0;
        while (total < limit)
        {
            if (total == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(limit, buffer.Length * 2L));
            }

            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return buffer.AsSpan(0, total);
    }

    private static string? Decode(ReadOnlySpan<byte> bytes, out Diagnostic? problem)
    {
        problem = null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        // The first byte that is not UTF-8, located as the reader locates every problem: line and column, from 1.
        var before = bytes[..read];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        problem = Problems.Error(
            DiagnosticCodes.YamlSyntax,
            string.Create(CultureInfo.InvariantCulture, $"the file is not UTF-8: byte 0x{bytes[read]:X2} at line {line}, column {column} is not part of a UTF-8 character"),
            new SourceLocation(line, column),
            "",
            "save the file as UTF-8 (most editors have it under 'encoding'; iconv -f latin1 -t utf-8 converts a Latin-1 file)");
        return null;
    }

    private static Diagnostic TooLarge(string size) => Problems.Error(
        DiagnosticCodes.DocumentTooLarge,
        $"{size}; a playbook is at most {DocumentLimits.MaxCharacters:N0} characters",
        new SourceLocation(1, 1),
        "",
        TooLargeFix);
}
