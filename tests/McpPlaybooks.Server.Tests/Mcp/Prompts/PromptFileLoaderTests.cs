using McpPlaybooks.Server.Hosting;
using McpPlaybooks.Server.Mcp.Prompts;
using McpPlaybooks.Server.Tests.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpPlaybooks.Server.Tests.Mcp.Prompts;

/// <summary>Loading prompts/*.md: the bundled files, and every way a file can be malformed (the message names the file).</summary>
public sealed class PromptFileLoaderTests
{
    private const string Good = """
        ---
        name: greet
        title: Greet
        description: Says hello.
        arguments:
          - name: who
            description: Whom to greet.
            required: true
        ---
        Hello {{who}}.
        """;

    [Fact]
    public void LoadDirectory_Bundled_LoadsTheFourPromptsAndSkipsTheReadme()
    {
        var prompts = PromptFileLoader.LoadDirectory(Path.Combine(AppContext.BaseDirectory, "prompts"));

        Assert.Equal(["author_playbook", "investigate_execution", "remediate_incident", "review_playbook"], prompts.Select(p => p.Name));
    }

    [Fact]
    public void LoadFile_Good_ReadsFrontMatterAndTemplate()
    {
        using var folder = new TempDirectory();

        var prompt = PromptFileLoader.LoadFile(folder.Write("greet.md", Good));

        Assert.Equal(("greet", "Greet", "Says hello."), (prompt.Name, prompt.Title, prompt.Description));
        Assert.Equal([new PromptArgumentSpec("who", "Whom to greet.", true)], prompt.Arguments);
        Assert.Equal("Hello Bob.", prompt.Template.Render(new Dictionary<string, string> { ["who"] = "Bob" }));
    }

    [Theory]
    [InlineData("Hello.", "greet.md: the file must start with YAML front matter between two '---' lines")]
    [InlineData("---\nname: greet\ndescription: [unclosed\n---\nHi.", "greet.md:4: the front matter is not valid YAML")]
    [InlineData("---\nname: other\ndescription: d\n---\nHi.", "greet.md:2: name 'other' must be the file's name ('greet')")]
    [InlineData("---\nname: greet\n---\nHi.", "greet.md:2: 'description' is missing")]
    [InlineData("---\nname: greet\ndescription: d\ncolour: red\n---\nHi.", "greet.md:4: the front matter has an unknown key 'colour'")]
    [InlineData("---\nname: greet\ndescription: d\narguments:\n  - name: who\n    description: w\n    required: maybe\n---\n{{who}}", "greet.md:5: required of 'who' must be true or false, not 'maybe'")]
    [InlineData("---\nname: greet\ndescription: d\narguments:\n  - name: Who\n    description: w\n---\nHi.", "argument name 'Who' must be unique, in lowercase letters")]
    [InlineData("---\nname: greet\ndescription: d\n---\nHi {{who}}.", "greet.md: the text uses '{{who}}', which is not one of its arguments ()")]
    [InlineData("---\nname: greet\ndescription: d\narguments:\n  - name: who\n    description: w\n---\n{{#who}}open", "greet.md: the section of 'who' is never closed")]
    [InlineData("---\nname: greet\ndescription: d\n---\n\n", "greet.md: the prompt text after the front matter is empty")]
    public void LoadFile_Malformed_ThrowsNamingTheFile(string text, string expected)
    {
        using var folder = new TempDirectory();
        var path = folder.Write("greet.md", text);

        var error = Assert.Throws<PromptFileException>(() => PromptFileLoader.LoadFile(path));

        Assert.StartsWith(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptLibrary_FolderWithAMalformedFile_FailsNamingIt()
    {
        using var folder = new TempDirectory();
        folder.Write("greet.md", Good);
        var bad = folder.Write("broken.md", "no front matter");
        var settings = new ServerSettings { Engine = new() { DataDirectory = folder.Path }, PlaybookDirectories = [], PromptDirectory = folder.Path };

        var error = Assert.Throws<PromptFileException>(() => new PromptLibrary(settings, NullLogger<PromptLibrary>.Instance));

        Assert.StartsWith(bad + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadDirectory_Missing_ThrowsNamingTheFolder()
    {
        using var folder = new TempDirectory();
        var missing = Path.Combine(folder.Path, "prompts");

        var error = Assert.Throws<PromptFileException>(() => PromptFileLoader.LoadDirectory(missing));

        Assert.StartsWith(missing + ": the prompt folder does not exist", error.Message, StringComparison.Ordinal);
    }
}
