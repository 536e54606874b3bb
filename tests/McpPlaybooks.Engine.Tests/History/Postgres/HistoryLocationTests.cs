using McpPlaybooks.Engine.History.Location;
using Npgsql;

namespace McpPlaybooks.Engine.Tests.History.Postgres;

public sealed class HistoryLocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mcpplaybooks-location-").FullName;

    private static HistoryLocation Parse(string? text, Dictionary<string, string>? environment = null) =>
        HistoryLocation.Parse(text, "/data/history.db", "/work", name => environment?.GetValueOrDefault(name), out var problem)
            ?? throw new InvalidOperationException(problem);

    private static string? Problem(string text, Dictionary<string, string>? environment = null)
    {
        HistoryLocation.Parse(text, "/data/history.db", "/work", name => environment?.GetValueOrDefault(name), out var problem);
        return problem;
    }

    [Theory]
    [InlineData(null, "/data/history.db")]
    [InlineData("  ", "/data/history.db")]
    [InlineData("other.db", "/work/other.db")]
    [InlineData("/var/lib/h.db", "/var/lib/h.db")]
    public void Parse_PathOrNothing_IsSqlite(string? given, string path)
    {
        var location = Parse(given);

        Assert.Equal(StoreKind.Sqlite, location.Kind);
        Assert.Equal(path, location.Target);
        Assert.Equal(path, location.Display);
    }

    [Theory]
    [InlineData("postgres://ops:s3cr%2Ft@db.example:6432/playbooks?sslmode=require")]
    [InlineData("postgresql://ops:s3cr%2Ft@db.example:6432/playbooks?sslmode=require")]
    [InlineData("Host=db.example;Port=6432;Database=playbooks;Username=ops;Password=s3cr/t;SSL Mode=Require")]
    [InlineData("server = db.example; port=6432; database=playbooks; user id=ops; password=s3cr/t; sslmode=require")]
    public void Parse_BothForms_GiveTheSameConnection(string given)
    {
        var location = Parse(given);

        Assert.Equal(StoreKind.Postgres, location.Kind);
        var target = new NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(("db.example", 6432, "playbooks", "ops", "s3cr/t", SslMode.Require), (target.Host, target.Port, target.Database, target.Username, target.Password, target.SslMode));
        Assert.DoesNotContain("s3cr", location.Display, StringComparison.Ordinal);
        Assert.Contains("db.example", location.Display, StringComparison.Ordinal);
        Assert.Contains("ops", location.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UriWithIpv6AndNoPassword_TakesPgPassword()
    {
        var location = Parse("postgres://ops@[::1]:5433/h", new() { ["PGPASSWORD"] = "from-env" });

        var target = new NpgsqlConnectionStringBuilder(location.Target);
        Assert.Equal(("::1", 5433, "h", "from-env"), (target.Host, target.Port, target.Database, target.Password));
        Assert.DoesNotContain("from-env", location.Display, StringComparison.Ordinal);
        Assert.Equal("x *** y", location.Mask("x from-env y"));
    }

    [Fact]
    public void Parse_PasswordFile_InEitherFormOrVariable_IsRead()
    {
        var file = Path.Combine(_folder, "pw");
        File.WriteAllText(file, "filed-secret\n");

        var fromUri = Parse($"postgres://ops@db/h?password_file={Uri.EscapeDataString(file)}", new() { ["PGPASSWORD"] = "env-loses" });
        var fromKeyword = Parse($"Host=db;Database=h;Username=ops;password_file={file}");
        var fromVariable = Parse("Host=db;Database=h;Username=ops", new() { ["MCPPLAYBOOKS_DATABASE_PASSWORD_FILE"] = file });

        Assert.All(new[] { fromUri, fromKeyword, fromVariable }, location =>
        {
            Assert.Equal("filed-secret", new NpgsqlConnectionStringBuilder(location.Target).Password);
            Assert.DoesNotContain("filed-secret", location.Display, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Parse_MissingPasswordFile_SaysWhichWithoutTheString()
    {
        var problem = Problem("postgres://ops:inline@db/h?password_file=/nope/pw");

        Assert.Null(problem);
        var missing = Problem("postgres://ops@db/h?password_file=/nope/pw");
        Assert.NotNull(missing);
        Assert.Contains("/nope/pw", missing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://ops:hunter2@db/h?no_such_parameter=1")]
    [InlineData("Host=db;Password=hunter2;Bogus=1")]
    [InlineData("postgres://ops:hunter2@db:notaport/h")]
    public void Parse_BadString_IsOneSentenceWithoutThePassword(string given)
    {
        var problem = Problem(given);

        Assert.NotNull(problem);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoHost_IsRefused()
    {
        Assert.Contains("no host", Problem("postgres:///h"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PgPassFile_IsKept()
    {
        var location = Parse("Host=db;Database=h", new() { ["PGPASSFILE"] = "pass" });

        Assert.Equal("/work/pass", new NpgsqlConnectionStringBuilder(location.Target).Passfile);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
