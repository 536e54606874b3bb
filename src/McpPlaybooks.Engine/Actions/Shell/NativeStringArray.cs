using System.ComponentModel;
using System.Runtime.InteropServices;

namespace McpPlaybooks.Engine.Actions.Shell;

/// <summary>A NULL-terminated array of UTF-8 strings in native memory (an <c>argv</c> or an <c>envp</c>), freed on dispose.</summary>
internal sealed class NativeStringArray : IDisposable
{
    private const int InvalidArgument = 22;

    private readonly IntPtr[] _strings;

    /// <exception cref="Win32Exception">A string holds a NUL character, which would cut it short.</exception>
    public NativeStringArray(IReadOnlyList<string> items, string what)
    {
        if (items.FirstOrDefault(item => item.Contains('\0', StringComparison.Ordinal)) is not null)
        {
            throw new Win32Exception(InvalidArgument, $"{what} holds a NUL character");
        }

        _strings = new IntPtr[items.Count];
        Pointer = Marshal.AllocHGlobal(IntPtr.Size * (items.Count + 1));
        for (var i = 0; i < items.Count; i++)
        {
            _strings[i] = Marshal.StringToCoTaskMemUTF8(items[i]);
            Marshal.WriteIntPtr(Pointer, i * IntPtr.Size, _strings[i]);
        }

        Marshal.WriteIntPtr(Pointer, items.Count * IntPtr.Size, IntPtr.Zero);
    }

    /// <summary>The array (<c>char *const[]</c>).</summary>
    public IntPtr Pointer { get; }

    public void Dispose()
    {
        foreach (var item in _strings)
        {
            Marshal.ZeroFreeCoTaskMemUTF8(item);
        }

        Marshal.FreeHGlobal(Pointer);
    }
}
