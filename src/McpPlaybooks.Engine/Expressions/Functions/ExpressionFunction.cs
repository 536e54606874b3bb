using McpPlaybooks.Engine.Expressions.Nodes;

namespace McpPlaybooks.Engine.Expressions.Functions;

/// <summary>A built-in function. It receives its argument nodes unevaluated, so it controls what it evaluates.</summary>
internal abstract class ExpressionFunction(string name, int minArguments, int maxArguments)
{
    public string Name { get; } = name;

    public int MinArguments { get; } = minArguments;

    public int MaxArguments { get; } = maxArguments;

    /// <summary>Evaluates the call; <paramref name="column"/> is the column of the function's name.</summary>
    public abstract Value Invoke(ExpressionNode[] arguments, ref EvaluationContext context, int column);

    /// <summary>"1 argument", "2 arguments", "at least 1 argument".</summary>
    public string DescribeArity()
    {
        var noun = MinArguments == 1 ? "argument" : "arguments";
        return MaxArguments == MinArguments ? $"{MinArguments} {noun}"
            : MaxArguments == int.MaxValue ? $"at least {MinArguments} {noun}"
            : $"{MinArguments} to {MaxArguments} arguments";
    }

    /// <summary>Evaluates an argument and converts it to text as a template would.</summary>
    protected static string EvaluateText(ExpressionNode argument, ref EvaluationContext context)
    {
        var value = argument.Evaluate(ref context);
        return JsonLengths.At(value.ToDisplayString, argument.Column);
    }

    /// <summary>Evaluates an argument to text, with the taint of the secret-derived texts it holds (null when none).</summary>
    protected static string EvaluateText(ExpressionNode argument, ref EvaluationContext context, out Taint? taint)
    {
        var value = argument.Evaluate(ref context);
        taint = value.CollectTaint();
        return JsonLengths.At(value.ToDisplayString, argument.Column);
    }
}
