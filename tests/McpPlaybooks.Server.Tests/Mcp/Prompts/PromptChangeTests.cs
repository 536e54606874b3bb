using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Prompts;
using McpPlaybooks.Server.Tests.Cli;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Tests.Mcp.Prompts;

/// <summary>A prompt file added, edited or deleted while the server runs: the prompts reload and clients hear <c>notifications/prompts/list_changed</c>.</summary>
public sealed class PromptChangeTests
{
    private const string Greet = """
        ---
        name: greet
        description: Says hello.
        ---
        Hello.
        """;

    [Fact]
    public async Task PromptFiles_AddedEditedDeleted_ClientHearsListChangedAndListsTheNewSet()
    {
        using var prompts = BundledCopy();
        await using var server = await McpTestServer.StartAsync(new McpTestServerOptions { PromptDirectory = prompts.Path });
        await using var heard = HeardNotifications<PromptListChangedNotificationParams>.Listen(server.Client, NotificationMethods.PromptListChangedNotification);
        Assert.True(server.Client.ServerCapabilities.Prompts?.ListChanged);
        Assert.Equal(4, (await server.Client.ListPromptsAsync()).Count); // answered: the server tracks this session now

        await WriteAsync(Path.Combine(prompts.Path, "greet.md"), Greet);
        var added = await HeardUntilAsync(server.Client, heard, list => list.Any(p => p.Name == "greet"));
        Assert.Equal(["author_playbook", "greet", "investigate_execution", "remediate_incident", "review_playbook"], added.Select(p => p.Name));

        await WriteAsync(Path.Combine(prompts.Path, "greet.md"), Greet.Replace("Says hello.", "Says hello twice.", StringComparison.Ordinal));
        await HeardUntilAsync(server.Client, heard, list => list.Any(p => p.Description == "Says hello twice."));
        var text = Assert.IsType<TextContentBlock>(Assert.Single((await server.Client.GetPromptAsync("greet")).Messages).Content).Text;
        Assert.Equal("Hello.", text);

        File.Delete(Path.Combine(prompts.Path, "investigate_execution.md"));
        var deleted = await HeardUntilAsync(server.Client, heard, list => list.All(p => p.Name != "investigate_execution"));
        Assert.Equal(["author_playbook", "greet", "remediate_incident", "review_playbook"], deleted.Select(p => p.Name));
    }

    [Fact]
    public void Reload_FileAddedThenMalformed_ServesTheNewOneThenKeepsItUntilFixed()
    {
        using var prompts = BundledCopy();
        var library = new PromptLibrary(Settings(prompts.Path), NullLogger<PromptLibrary>.Instance);
        Assert.False(library.Reload()); // nothing changed

        prompts.Write("greet.md", Greet);
        Assert.True(library.Reload());
        Assert.Contains(library.Prompts, p => p.Name == "greet");

        prompts.Write("greet.md", "---\nname: greet\n"); // half written
        Assert.False(library.Reload());
        Assert.Equal("Says hello.", library.Prompts.Single(p => p.Name == "greet").Description);

        prompts.Write("greet.md", Greet.Replace("Hello.", "Hi.", StringComparison.Ordinal));
        Assert.True(library.Reload());
        Assert.Equal("Hi.", library.Prompts.Single(p => p.Name == "greet").Template.Render(new Dictionary<string, string>()));
    }

    private static TempDirectory BundledCopy()
    {
        var folder = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "prompts")))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }

    private static ServerSettings Settings(string promptDirectory) =>
        new() { Engine = new() { DataDirectory = promptDirectory }, PlaybookDirectories = [], PromptDirectory = promptDirectory };

    /// <summary>Writes the whole file at once (a rename into place), as an editor saving it would.</summary>
    private static async Task WriteAsync(string path, string text)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads list_changed notifications until the listed prompts satisfy <paramref name="done"/> (the watcher may notify more than once per change).</summary>
    private static async Task<IList<McpClientPrompt>> HeardUntilAsync(McpClient client, HeardNotifications<PromptListChangedNotificationParams> heard, Func<IList<McpClientPrompt>, bool> done)
    {
        while (true)
        {
            await heard.TakeAsync(1);
            var listed = await client.ListPromptsAsync();
            if (done(listed))
            {
                return listed;
            }
        }
    }
}
