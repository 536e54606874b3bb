namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>A fresh directory for one test, deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("mcp-playbooks-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file under the directory, creating folders as needed, and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
