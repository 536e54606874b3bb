namespace McpPlaybooks.Benchmarks;

/// <summary>The server executable the benchmarks that start it as a process run (<c>shell</c>, <c>crash</c>).</summary>
internal static class BuiltServer
{
    /// <summary>The server built beside this benchmark, in the same configuration (the project reference builds it).</summary>
    public static string Dll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = McpPlaybooks.Engine.Tests.Validation.Mutation.MutationSeeds.FindRepositoryRoot() ?? Directory.GetCurrentDirectory();
        var dll = Path.Combine(root, "src", "McpPlaybooks.Server", "bin", configuration, "net10.0", "McpPlaybooks.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the server is not built: dotnet build -c {configuration} src/McpPlaybooks.Server", dll);
    }
}
