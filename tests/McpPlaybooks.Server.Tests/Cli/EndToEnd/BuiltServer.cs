using System.Collections.ObjectModel;

namespace McpPlaybooks.Server.Tests.Cli.EndToEnd;

/// <summary>
/// The server executable that the end-to-end tests start: by default the build beside the tests, run by the dotnet host
/// (<c>dotnet McpPlaybooks.Server.dll ARGS</c>); with <c>MCPPLAYBOOKS_TEST_SERVER=/path/to/mcp-playbooks</c>, that
/// executable itself (the Native AOT binary from <c>dotnet publish -r linux-x64</c>).
/// </summary>
internal static class BuiltServer
{
    public const string Variable = "MCPPLAYBOOKS_TEST_SERVER";

    /// <summary>The native executable named by <see cref="Variable"/>, or null for the build beside the tests.</summary>
    public static string? Native { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null;

    /// <summary>What to start a server from: the native executable, or the server's assembly (see <see cref="CliProcess.ServerDll"/>).</summary>
    public static string Path => Native ?? CliProcess.ServerDll;

    /// <summary>The program to start: the native executable, or the dotnet host that runs the tests.</summary>
    public static string FileName => Native ?? DotnetHost;

    /// <summary>The arguments before the server's own: the assembly for the dotnet host, none for the native executable.</summary>
    public static ReadOnlyCollection<string> Prefix { get; } = Native is null ? new([CliProcess.ServerDll]) : new([]);

    /// <summary>The dotnet host that runs the tests, as <c>dotnet test</c> tells it; else the one on the PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Adds <see cref="Prefix"/> to a start's arguments.</summary>
    public static void AddPrefix(Collection<string> arguments)
    {
        foreach (var argument in Prefix)
        {
            arguments.Add(argument);
        }
    }
}
