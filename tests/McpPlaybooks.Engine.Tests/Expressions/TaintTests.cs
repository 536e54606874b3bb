using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Secrets;

namespace McpPlaybooks.Engine.Tests.Expressions;

/// <summary>What the expression engine derives from a secret carries the secret's taint, and the masker masks it.</summary>
public sealed class TaintTests
{
    private const string Secret = "Tok3n-Value";

    [Theory]
    [InlineData("secrets.X", "Tok3n-Value")]
    [InlineData("upper(secrets.X)", "TOK3N-VALUE")]
    [InlineData("lower(secrets.X)", "tok3n-value")]
    [InlineData("format('<{0}>', upper(secrets.X))", "TOK3N-VALUE")]
    [InlineData("base64(secrets.X)", "VG9rM24tVmFsdWU=")]
    [InlineData("base64(format('u:{0}', secrets.X))", "dTpUb2szbi1WYWx1ZQ==")]
    [InlineData("toJson(upper(secrets.X))", "TOK3N-VALUE")]
    [InlineData("default(null, lower(secrets.X))", "tok3n-value")]
    [InlineData("fromJson(format('[\"{0}\"]', lower(secrets.X)))[0]", "tok3n-value")]
    [InlineData("inputs.name || upper(secrets.X)", null)]
    public void Evaluate_DerivedFromASecret_CarriesTheDerivedText(string text, string? fragment)
    {
        var (scope, derived) = Scope();

        var value = Expression.Parse(text).Evaluate(scope);

        if (fragment is null)
        {
            Assert.Null(value.CollectTaint());
            return;
        }

        Assert.Contains(fragment, value.CollectTaint()!.Fragments);
        Assert.Contains(fragment, derived.ToArray());
    }

    [Theory]
    [InlineData("length(secrets.X)")]
    [InlineData("secrets.X == 'x'")]
    [InlineData("contains(secrets.X, 'k')")]
    [InlineData("upper(inputs.name)")]
    public void Evaluate_TestOfASecretOrPlainValue_IsNotTainted(string text)
    {
        var (scope, _) = Scope();

        Assert.False(Expression.Parse(text).Evaluate(scope).IsTainted);
    }

    [Fact]
    public void Render_TemplateJoiningASecretDerivedText_MasksOnlyThatPart()
    {
        var (scope, derived) = Scope();
        var masker = new SecretMasker([Secret]).ForExecution([], derived);

        var value = Template.Parse("Bearer {{ upper(secrets.X) }} for {{ inputs.name }}").Render(scope);

        Assert.Equal("Bearer TOK3N-VALUE for Web", value.AsString()); // expressions see the real value
        Assert.Equal("Bearer *** for Web", masker.Apply(value).AsString());
        Assert.Equal("stdout: ***", masker.Apply("stdout: TOK3N-VALUE")); // and inside any text, such as a program's output
    }

    [Fact]
    public void Apply_ShortDerivedTextAndTaintedNumber_AreMaskedWhereTheValueGoes()
    {
        var (scope, derived) = Scope();
        scope.Set("secrets", Value.From([KeyValuePair.Create("J", Value.From("{\"pin\": 4821, \"id\": \"ab\"}"))]).AsSecret(derived));
        var masker = SecretMasker.None.ForExecution([], derived);

        var parsed = Expression.Parse("fromJson(secrets.J)").Evaluate(scope);

        Assert.Equal("""{"pin":"***","id":"***"}""", masker.Apply(parsed).ToJson());
        Assert.Equal("job ab ran", masker.Apply("job ab ran")); // too short to hunt for inside other text
        Assert.Equal("pin ***", masker.Apply("pin 4821"));
    }

    [Fact]
    public void Evaluate_FromJsonOfATextHoldingASecret_TaintsOnlyWhatHoldsIt()
    {
        var (scope, derived) = Scope();
        var masker = SecretMasker.None.ForExecution([], derived);

        var parsed = Expression.Parse("fromJson(format('{{\"id\":\"public-id\",\"n\":7,\"auth\":\"Bearer {0}\"}}', secrets.X))").Evaluate(scope);

        Assert.Equal("""{"id":"public-id","n":7,"auth":"Bearer ***"}""", masker.Apply(parsed).ToJson());
    }

    private static (ExpressionScope Scope, DerivedSecrets Derived) Scope()
    {
        var derived = new DerivedSecrets();
        var scope = new ExpressionScope(TestScope.Default);
        scope.Set("secrets", Value.From([KeyValuePair.Create("X", Value.From(Secret))]).AsSecret(derived));
        return (scope, derived);
    }
}
