using System.Buffers;
using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Tests.Expressions;

public sealed class ValueTests
{
    [Theory]
    [InlineData(200d, "200")]
    [InlineData(0.5, "0.5")]
    [InlineData(-1d, "-1")]
    [InlineData(-0d, "0")]
    [InlineData(1e21, "1E+21")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456789012d, "123456789012")]
    [InlineData(double.NaN, "NaN")]
    public void ToDisplayString_Number_UsesShortestInvariantForm(double number, string expected)
    {
        Assert.Equal(expected, Value.From(number).ToDisplayString());
    }

    [Fact]
    public void ToDisplayString_OtherKinds_MatchTemplateRules()
    {
        Assert.Equal("", Value.Null.ToDisplayString());
        Assert.Equal("true", Value.True.ToDisplayString());
        Assert.Equal("false", Value.From(false).ToDisplayString());
        Assert.Equal("it's \"as-is\"", Value.From("it's \"as-is\"").ToDisplayString());
        Assert.Equal("[1,\"a\",null]", Value.From([Value.From(1), Value.From("a"), Value.Null]).ToDisplayString());
        Assert.Equal("{\"b\":1,\"a\":[]}", TestScope.ParseJson("""{ "b": 1, "a": [] }""").ToDisplayString());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-12")]
    [InlineData("\"s\"")]
    [InlineData("\"\"")]
    [InlineData("\"line\\nbreak \\\"quoted\\\" \\\\ tab\\t\"")]
    [InlineData("\"caf\u00e9 <b> & 'x'\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[1,[2,{\"a\":null}]]")]
    [InlineData("{\"b\":1,\"a\":2}")]
    [InlineData("{\"nested\":{\"list\":[true,false,\"x\"],\"n\":0.25}}")]
    public void ToJson_FromJson_RoundTrips(string json)
    {
        var value = TestScope.ParseJson(json);

        Assert.Equal(json, value.ToJson());
        Assert.Equal(value, TestScope.ParseJson(value.ToJson()));
    }

    [Fact]
    public void WriteJson_ToWriter_WritesCompactJson()
    {
        var value = TestScope.ParseJson("""{ "a": [1, "x"], "b": null }""");
        var buffer = new ArrayBufferWriter<byte>();

        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteJson(writer);
        }

        Assert.Equal("{\"a\":[1,\"x\"],\"b\":null}", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void FromJson_NumberTooLargeForDouble_KeepsItsText()
    {
        var value = TestScope.ParseJson("[1e400]");

        Assert.Equal(Value.From("1e400"), value.AsList()[0]);
    }

    [Fact]
    public void ToJson_NonFiniteNumber_WritesNull()
    {
        Assert.Equal("null", Value.From(double.PositiveInfinity).ToJson());
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("-1", true)]
    [InlineData("0.001", true)]
    [InlineData("\"\"", false)]
    [InlineData("\" \"", true)]
    [InlineData("\"false\"", false)] // a boolean rendered into text reads as that boolean
    [InlineData("\" FALSE \"", false)]
    [InlineData("\"no\"", true)]
    [InlineData("\"0\"", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    public void IsTruthy_Json_FollowsRules(string json, bool expected)
    {
        Assert.Equal(expected, TestScope.ParseJson(json).IsTruthy);
    }

    [Fact]
    public void IsTruthy_NaN_IsFalse()
    {
        Assert.False(Value.From(double.NaN).IsTruthy);
    }

    [Fact]
    public void From_Factories_SetKind()
    {
        Assert.Equal(ValueKind.Null, Value.Null.Kind);
        Assert.Equal(ValueKind.Null, Value.From((string?)null).Kind);
        Assert.Equal(ValueKind.Boolean, Value.From(true).Kind);
        Assert.Equal(ValueKind.Number, Value.From(3).Kind);
        Assert.Equal(ValueKind.String, Value.From("").Kind);
        Assert.Equal(ValueKind.List, Value.From(Array.Empty<Value>()).Kind);
        Assert.Equal(ValueKind.Object, Value.From(new Dictionary<string, Value>()).Kind);
        Assert.Same(Value.True, Value.From(true));
        Assert.Same(Value.False, Value.From(false));
    }

    [Fact]
    public void From_RepeatedKey_KeepsFirstPositionAndLastValue()
    {
        var value = Value.From(
        [
            new KeyValuePair<string, Value>("a", Value.From(1)),
            new KeyValuePair<string, Value>("b", Value.From(2)),
            new KeyValuePair<string, Value>("a", Value.From(3)),
        ]);

        Assert.Equal("{\"a\":3,\"b\":2}", value.ToJson());
        Assert.Equal(["a", "b"], value.AsObject().Keys);
    }

    [Fact]
    public void From_ArrayChangedAfterwards_ValueIsUnchanged()
    {
        var items = new[] { Value.From(1) };
        var value = Value.From(items);

        items[0] = Value.From(2);

        Assert.Equal(1, value.AsList()[0].AsNumber());
    }

    [Fact]
    public void AsObject_LargeObject_LooksUpEveryKeyInOrder()
    {
        var props = Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, Value>($"k{i}", Value.From(i))).ToList();
        var obj = Value.From(props).AsObject();

        Assert.Equal(50, obj.Count);
        Assert.Equal(props.Select(p => p.Key), obj.Keys);
        Assert.Equal(49, obj["k49"].AsNumber());
        Assert.True(obj.ContainsKey("k0"));
        Assert.False(obj.TryGetValue("K0", out _));
        Assert.Throws<KeyNotFoundException>(() => obj["missing"]);
    }

    [Fact]
    public void Accessors_WrongKind_ThrowInvalidOperation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Value.From("x").AsNumber());

        Assert.Equal("Expected a number but the value is a string.", error.Message);
        Assert.Throws<InvalidOperationException>(() => Value.Null.AsString());
        Assert.Throws<InvalidOperationException>(() => Value.From(1).AsBoolean());
        Assert.Throws<InvalidOperationException>(() => Value.True.AsList());
        Assert.Throws<InvalidOperationException>(() => Value.From(Array.Empty<Value>()).AsObject());
    }

    [Fact]
    public void TryGetProperty_NotAnObjectOrMissing_ReturnsFalseAndNull()
    {
        var obj = TestScope.ParseJson("""{ "a": 1 }""");

        Assert.True(obj.TryGetProperty("a", out var found));
        Assert.Equal(Value.From(1), found);
        Assert.False(obj.TryGetProperty("A", out var missing));
        Assert.Same(Value.Null, missing);
        Assert.False(Value.From("a").TryGetProperty("a", out _));
    }

    [Fact]
    public void AsList_ReturnsReadOnlyView()
    {
        var list = Value.From([Value.From(1)]).AsList();

        Assert.IsNotType<Value[]>(list);
        Assert.Single(list);
    }

    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("1", "\"1\"", false)]
    [InlineData("\"a\"", "\"A\"", false)]
    [InlineData("[1,2]", "[1,2]", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("{\"a\":1,\"b\":[2]}", "{\"b\":[2],\"a\":1}", true)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":1}", false)]
    [InlineData("null", "null", true)]
    [InlineData("null", "false", false)]
    public void Equals_Values_IsStrictStructuralEquality(string left, string right, bool expected)
    {
        var a = TestScope.ParseJson(left);
        var b = TestScope.ParseJson(right);

        Assert.Equal(expected, a.Equals(b));
        Assert.Equal(expected, b.Equals((object)a));
        if (expected)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void ToString_ReturnsJson()
    {
        Assert.Equal("\"1\"", Value.From("1").ToString());
    }
}
