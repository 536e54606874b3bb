using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace McpPlaybooks.Server.Tests.Cli.EndToEnd;

/// <summary>
/// Which server assembly the end-to-end tests start: the ReadyToRun copy in <c>server-r2r/</c> (made after each build by
/// <c>tests/readytorun</c>: the same IL, compiled ahead of time, so each start costs less CPU) when it was compiled from
/// this very build (the server's and the engine's module version ids equal those beside the tests), else the plain
/// build beside the tests.
/// </summary>
internal static class ServerAssembly
{
    private const string FileName = "McpPlaybooks.Server.dll";

    /// <summary>The assembly to start, from the tests' folder <paramref name="directory"/>.</summary>
    public static string Find(string directory)
    {
        var copy = Path.Combine(directory, "server-r2r");
        return IsSameBuild(directory, copy) ? Path.Combine(copy, FileName) : Path.Combine(directory, FileName);
    }

    private static bool IsSameBuild(string directory, string copy) =>
        new[] { FileName, "McpPlaybooks.Engine.dll" }.All(name =>
            File.Exists(Path.Combine(copy, name)) && ModuleVersionId(Path.Combine(directory, name)) == ModuleVersionId(Path.Combine(copy, name)));

    private static Guid ModuleVersionId(string path)
    {
        using var stream = File.OpenRead(path);
        using var image = new PEReader(stream);
        var metadata = image.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
