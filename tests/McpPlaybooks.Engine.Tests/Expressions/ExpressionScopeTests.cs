using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ExpressionScopeTests
{
    [Fact]
    public void Add_ExistingRoot_Throws()
    {
        var scope = new ExpressionScope();
        scope.Add("inputs", Value.Null);

        Assert.Throws<ArgumentException>(() => scope.Add("inputs", Value.True));
    }

    [Fact]
    public void Set_ExistingRoot_Replaces()
    {
        var scope = new ExpressionScope();
        scope.Add("index", Value.From(0));

        scope.Set("index", Value.From(1));

        Assert.True(scope.TryGetRoot("index", out var value));
        Assert.Equal(Value.From(1), value);
    }

    [Fact]
    public void TryGetRoot_MissingHereButInParent_FindsParentValue()
    {
        var parent = new ExpressionScope(new Dictionary<string, Value> { ["inputs"] = Value.From("p") });
        var child = new ExpressionScope(parent);
        child.Add("item", Value.From("c"));

        Assert.True(child.TryGetRoot("inputs", out var inherited));
        Assert.Equal("p", inherited.AsString());
        Assert.False(parent.TryGetRoot("item", out _));
    }

    [Fact]
    public void TryGetRoot_NamesAreCaseSensitive()
    {
        var scope = new ExpressionScope();
        scope.Add("inputs", Value.True);

        Assert.False(scope.TryGetRoot("Inputs", out var value));
        Assert.Same(Value.Null, value);
    }
}
