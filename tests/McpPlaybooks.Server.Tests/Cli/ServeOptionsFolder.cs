using McpPlaybooks.Server.Hosting;

namespace McpPlaybooks.Server.Tests.Cli;

/// <summary>An executable's folder (<c>app/</c>, with its bundled <c>playbooks/</c>) and a current directory (<c>work/</c>) for reading <c>serve</c>'s settings.</summary>
internal sealed class ServeOptionsFolder : IDisposable
{
    private readonly TempDirectory _root = new();

    public ServeOptionsFolder()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "playbooks"));
        Directory.CreateDirectory(CurrentDirectory);
    }

    public string BaseDirectory => Path.Combine(_root.Path, "app");

    public string CurrentDirectory => Path.Combine(_root.Path, "work");

    /// <summary>Writes a file under the root (<c>work/appsettings.json</c>); returns its full path.</summary>
    public string Write(string relativePath, string content) => _root.Write(relativePath, content);

    /// <summary>The options read from the layers (files, then <paramref name="environment"/>), or null with <paramref name="problems"/> filled.</summary>
    public ServeOptions? Read(Dictionary<string, string> environment, List<string> problems)
    {
        string? Lookup(string name) => environment.GetValueOrDefault(name);
        var configuration = ServeConfiguration.Build(BaseDirectory, CurrentDirectory, Lookup, new Dictionary<string, IReadOnlyList<string>>(), problems);
        var options = ServeOptionsReader.Read(configuration, BaseDirectory, CurrentDirectory, Lookup, problems);
        if (problems.Count == 0)
        {
            Assert.NotNull(options);
        }

        return options;
    }

    public void Dispose() => _root.Dispose();
}
