namespace McpPlaybooks.Benchmarks;

/// <summary>The server executable the benchmarks that start it as a process run (<c>shell</c>, <c>crash</c>).</summary>
internal static class BuiltServer
{
    /// <summary>
    /// The server to start: the native executable named by <c>MCPPLAYBOOKS_TEST_SERVER</c> (a Native AOT publish) when it
    /// is set, else <see cref="Dll"/>. Start a path ending in .dll with <c>dotnet</c>, anything else as it is.
    /// </summary>
    public static string Path() =>
        Environment.GetEnvironmentVariable("MCPPLAYBOOKS_TEST_SERVER") is { Length: > 0 } native ? System.IO.Path.GetFullPath(native) : Dll();

    /// <summary>The program and the arguments before the server's own that start <paramref name="server"/>.</summary>
    public static (string File, string[] Prefix) Command(string server) =>
        server.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [server]) : (server, []);

    /// <summary>The server built beside this benchmark, in the same configuration (the project reference builds it).</summary>
    public static string Dll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var root = McpPlaybooks.Engine.Tests.Validation.Mutation.MutationSeeds.FindRepositoryRoot() ?? Directory.GetCurrentDirectory();
        var dll = System.IO.Path.Combine(root, "src", "McpPlaybooks.Server", "bin", configuration, "net10.0", "McpPlaybooks.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the server is not built: dotnet build -c {configuration} src/McpPlaybooks.Server", dll);
    }
}
