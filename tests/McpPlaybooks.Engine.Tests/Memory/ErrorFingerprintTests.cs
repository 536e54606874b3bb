using McpPlaybooks.Engine.Memory;

namespace McpPlaybooks.Engine.Tests.Memory;

/// <summary>Error messages that differ only by their particulars share one fingerprint; different errors do not.</summary>
public sealed class ErrorFingerprintTests
{
    [Theory]
    [InlineData("fatal config error at /etc/app/4.conf", "fatal config error at <path>")]
    [InlineData("connection refused by 10.0.3.17:5432", "connection refused by <address>")]
    [InlineData("connect to [2001:db8::1]:443 failed", "connect to <address> failed")]
    [InlineData("connect to fe80::1ff:fe23:4567:890a failed", "connect to <address> failed")]
    [InlineData("GET https://api.example.com/v1/items?id=7 returned 503", "GET <url> returned 503")]
    [InlineData("web: api.example.com answered 404 Not Found; expected 2xx.", "web: api.example.com answered 404 Not Found; expected <n>xx.")]
    [InlineData("status 200 after 1500 ms", "status 200 after <n> ms")]
    [InlineData("'/opt/run.sh' exited with code 127: not found", "<value> exited with code 127: not found")]
    [InlineData("returned 5 rows, exit status 2", "returned <n> rows, exit status 2")]
    [InlineData("db.internal.example.com:5432 is unreachable", "<address> is unreachable")]
    [InlineData("localhost:8080 is unreachable", "<address> is unreachable")]
    [InlineData("request 3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b timed out", "request <id> timed out")]
    [InlineData("job 01HZX3K4Q5R6S7T8V9W0XYZ123 failed", "job <id> failed")]
    [InlineData("execution ex-0190a1b2c3d4e5f60718293a4b5c6d7e lost its lease", "execution ex-<hex> lost its lease")]
    [InlineData("segfault at 0x7ffd5c3a", "segfault at <hex>")]
    [InlineData("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 not found", "commit <hex> not found")]
    [InlineData("deadline passed at 2024-05-01T10:20:30.123Z", "deadline passed at <time>")]
    [InlineData("deadline passed at 2024-05-01 10:20:30+02:00", "deadline passed at <time>")]
    [InlineData("backup of 2024-05-01 missing", "backup of <time> missing")]
    [InlineData("[12:30:45] worker stopped", "[<time>] worker stopped")]
    [InlineData("user 'alice' has no access to \"prod-db\"", "user <value> has no access to <value>")]
    [InlineData("'/opt/run.sh 8' exited with code 1: disk full", "<value> exited with code 1: disk full")]
    [InlineData("pod web-3 restarted 12 times in 4.5s", "pod web-<n> restarted <n> times in <n>s")]
    [InlineData("cannot open C:\\data\\file7.txt", "cannot open <path>")]
    [InlineData("can't reach it, it doesn't answer", "can't reach it, it doesn't answer")]
    [InlineData("sha256 mismatch in v2 manifest", "sha256 mismatch in v2 manifest")]
    [InlineData("  too   many\n spaces  ", "too many spaces")]
    public void Normalize_AMessage_ReplacesItsParticularsWithPlaceholders(string message, string pattern)
    {
        Assert.Equal(pattern, ErrorFingerprint.Normalize(message));
    }

    [Theory]
    [InlineData("fatal config error at /etc/app/4.conf", "fatal config error at /etc/app/8.conf")]
    [InlineData("'/tmp/a/flaky.sh 4' exited with code 1: fatal config error at /etc/app/4.conf", "'/tmp/b/flaky.sh 12' exited with code 1: fatal config error at /etc/app/12.conf")]
    [InlineData("timeout after 30s calling 10.0.0.1:80", "timeout after 45s calling 192.168.1.20:8080")]
    [InlineData("request 3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b failed at 2024-05-01T10:20:30Z", "request 00000000-0000-0000-0000-000000000000 failed at 2025-12-31T23:59:59Z")]
    public void Of_MessagesDifferingOnlyByParticulars_GiveOneFingerprint(string first, string second)
    {
        Assert.Equal(ErrorFingerprint.Of(first), ErrorFingerprint.Of(second));
    }

    [Theory]
    [InlineData("fatal config error at /etc/app/4.conf", "permission denied at /etc/app/4.conf")]
    [InlineData("connection refused", "connection reset")]
    [InlineData("GET https://a.example/x returned 404", "GET https://a.example/x returned 503")]
    [InlineData("'/opt/a.sh' exited with code 1", "'/opt/a.sh' exited with code 127")]
    public void Of_DifferentErrors_GiveDifferentFingerprints(string first, string second)
    {
        Assert.NotEqual(ErrorFingerprint.Of(first), ErrorFingerprint.Of(second));
    }

    [Fact]
    public void Of_AnyMessage_IsTwelveLowerCaseHexDigitsAndStable()
    {
        var fingerprint = ErrorFingerprint.Of("fatal config error at /etc/app/4.conf");

        Assert.Matches("^[0-9a-f]{12}$", fingerprint);
        Assert.Equal(ErrorFingerprint.OfPattern("fatal config error at <path>"), fingerprint);
    }

    [Fact]
    public void Normalize_AVeryLongMessage_IsCutWithAnEllipsis()
    {
        var pattern = ErrorFingerprint.Normalize(string.Join(' ', Enumerable.Repeat("word", 200)));

        Assert.Equal(ErrorFingerprint.MaxPatternLength, pattern.Length);
        Assert.EndsWith("…", pattern, StringComparison.Ordinal);
    }
}
