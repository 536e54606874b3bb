using McpPlaybooks.Engine.Catalog;
using McpPlaybooks.Engine.Documents;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Tests.Validation;

/// <summary>
/// A playbook file is read within bounds and only as UTF-8: a huge file or a device is refused by its size without being
/// read whole, and a byte that is not UTF-8 is a located error, not a U+FFFD in a program's arguments.
/// </summary>
public sealed class PlaybookFileTextTests : IDisposable
{
    private const string Valid = "id: latin\nname: Latin\nversion: 1.0.0\nsteps:\n  - id: a\n    action: log\n    with: { message: \"caf\u00e9\" }\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("mcpp-file-text-").FullName;

    [Fact]
    public void ValidateFile_LargerThanAnyPlaybook_IsRefusedByItsSize()
    {
        var path = Path.Combine(_folder, "huge.yaml");
        using (var file = File.Create(path))
        {
            file.SetLength(PlaybookFileText.MaxBytes + 1L); // sparse: no disk, no memory
        }

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateFile(path).Diagnostics);

        Assert.Equal(DiagnosticCodes.DocumentTooLarge, diagnostic.Code);
        Assert.Equal($"the file is {PlaybookFileText.MaxBytes + 1L:N0} bytes; a playbook is at most 1,048,576 characters", diagnostic.Message);
    }

    [Fact]
    public void ValidateFile_LinkToADeviceThatNeverEnds_IsRefusedAfterTheLimit()
    {
        var path = Path.Combine(_folder, "zero.yaml");
        File.CreateSymbolicLink(path, "/dev/zero");

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateFile(path).Diagnostics);

        Assert.Equal(DiagnosticCodes.DocumentTooLarge, diagnostic.Code);
        Assert.StartsWith($"the file has more than {PlaybookFileText.MaxBytes:N0} bytes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateFile_Latin1Byte_IsAnErrorAtItsLineAndColumn()
    {
        var path = Path.Combine(_folder, "latin1.yaml");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes(Valid));

        var diagnostic = Assert.Single(new PlaybookValidator().ValidateFile(path).Diagnostics);

        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal(new SourceLocation(7, 26), diagnostic.Location);
        Assert.StartsWith("the file is not UTF-8: byte 0xE9 at line 7, column 26", diagnostic.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    public void ValidateFile_UnicodeWithOrWithoutAByteOrderMark_ReadsTheSameText(string encoding)
    {
        var path = Path.Combine(_folder, "ok.yaml");
        File.WriteAllText(path, Valid, encoding switch
        {
            "utf-8" => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            "utf-8-bom" => new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => System.Text.Encoding.Unicode,
        });

        var report = new PlaybookValidator().ValidateFile(path);

        Assert.DoesNotContain(report.Diagnostics, diagnostic => diagnostic.IsError);
        Assert.Equal("latin", report.Playbook!.Id);
        Assert.Equal(Valid, PlaybookFileText.Read(path, out _));
    }

    [Fact]
    public void Catalog_HugeAndNonUtf8FilesBesideAGoodOne_ListsThemInvalidAndServesTheGoodOne()
    {
        using (var file = File.Create(Path.Combine(_folder, "a-huge.yaml")))
        {
            file.SetLength(PlaybookFileText.MaxBytes + 1L);
        }

        File.WriteAllBytes(Path.Combine(_folder, "b-latin1.yaml"), System.Text.Encoding.Latin1.GetBytes(Valid));
        File.WriteAllText(Path.Combine(_folder, "c-good.yaml"), Valid.Replace("id: latin", "id: good", StringComparison.Ordinal));

        var snapshot = new CatalogLoader().Load([_folder]);

        Assert.Equal("good", Assert.Single(snapshot.Entries).Id);
        Assert.Equal(
            [(DiagnosticCodes.DocumentTooLarge, "a-huge.yaml"), (DiagnosticCodes.YamlSyntax, "b-latin1.yaml")],
            snapshot.Invalid.Select(problem => (Assert.Single(problem.Errors).Code, Path.GetFileName(problem.Path))));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
