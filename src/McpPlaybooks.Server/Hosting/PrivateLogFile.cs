using System.Text;
using McpPlaybooks.Engine.History;
using Serilog.Sinks.File;

namespace McpPlaybooks.Server.Hosting;

/// <summary>Narrows each log file to 0600 as Serilog opens it, before the first line is written.</summary>
internal sealed class PrivateLogFile : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        PrivateFiles.Restrict(path);
        return base.OnFileOpened(path, underlyingStream, encoding);
    }
}
