using System.Text;

namespace McpPlaybooks.Server.Cli;

/// <summary>
/// A writer that prints everything through <see cref="TerminalText.Safe"/>: what a command writes for people cannot act
/// on the terminal, whatever the history held. The styled console writes its own colours to the writer beneath.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    public override string NewLine
    {
#pragma warning disable CS8765 // the base allows null, which resets it; so does the inner writer
        get => inner.NewLine;
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => inner.Write(TerminalText.Safe(value.ToString()));

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(TerminalText.Safe(value));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Flush();
        }

        base.Dispose(disposing);
    }
}
