using System.Text;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Tests.Secrets;

/// <summary>
/// The encoded forms of a secret a program commonly prints, each masked: JSON escapes in lower case (Python's json), a
/// form's URL encoding ('+' for a space), lower-case percent escapes, and the secret inside a longer text that was
/// base64-encoded as a whole (HTTP Basic's "user:password"), at each alignment, and HTML's escapes (an error page that
/// echoes its input). Each was printed unmasked before.
/// </summary>
public sealed class SecretMaskerFormsTests
{
    [Theory]
    [InlineData("pässwörd-geheim-42", @"{""pw"": ""p\u00e4ssw\u00f6rd-geheim-42""}")]
    [InlineData("open sesame 2024", "p=open+sesame+2024&x=1")]
    [InlineData("pässwörd-geheim-42", "p=p%c3%a4ssw%c3%b6rd-geheim-42")]
    [InlineData("S3cr3t<b>geheim</b>&x9", "<p>Bad token: S3cr3t&lt;b&gt;geheim&lt;/b&gt;&amp;x9</p>")]
    [InlineData("it's \"geheim\" & 42", "<input value=\"it&#39;s &quot;geheim&quot; &amp; 42\">")]
    [InlineData("pässwörd-geheim-42", "<p>p&#xE4;ssw&#xF6;rd-geheim-42</p>")]
    public void Apply_TheSecretInAnotherEncoding_IsMasked(string secret, string printed)
    {
        var masked = new SecretMasker([secret]).Apply(printed);

        Assert.Contains(SecretMasker.Mask, masked, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("sesame", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:")]
    [InlineData("admin:")]
    [InlineData("a:")]
    [InlineData("")]
    public void Apply_TheSecretInsideALongerBase64Text_NoLongerDecodesToIt(string before)
    {
        const string Secret = "correct7horse9battery";
        var printed = Convert.ToBase64String(Encoding.UTF8.GetBytes(before + Secret + "\n"));

        var masked = new SecretMasker([Secret]).Apply(printed);

        Assert.Contains(SecretMasker.Mask, masked, StringComparison.Ordinal);
        foreach (var piece in masked.Split(SecretMasker.Mask))
        {
            // What is left around the mask encodes at most the two bytes of the secret that share a group with another text.
            var usable = piece.Length - (piece.Length % 4);
            var decoded = usable == 0 ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(piece[..usable]));
            Assert.DoesNotContain("horse", decoded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Apply_ASecretOfSeveralLines_EachLongLineIsMaskedAloneButNotShortOnesNorPemArmour()
    {
        var masker = new SecretMasker(["-----BEGIN TEST KEY-----\nfirst-line-of-the-key\napiVersion: v1\nsecond-line-of-the-key"]);

        Assert.Equal("a *** b", masker.Apply("a first-line-of-the-key b"));
        Assert.Equal("[***]", masker.Apply("[-----BEGIN TEST KEY-----\r\nfirst-line-of-the-key\r\napiVersion: v1\r\nsecond-line-of-the-key]"));
        Assert.Equal("apiVersion: v1, -----BEGIN TEST KEY-----, *** and ***", masker.Apply("apiVersion: v1, -----BEGIN TEST KEY-----, first-line-of-the-key and second-line-of-the-key"));
    }
}
