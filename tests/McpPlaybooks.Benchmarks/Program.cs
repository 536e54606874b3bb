using BenchmarkDotNet.Running;
using McpPlaybooks.Benchmarks.Expressions;

// Usage: dotnet run -c Release --project tests/McpPlaybooks.Benchmarks -- <benchmark> [BenchmarkDotNet options]
switch (args.Length > 0 ? args[0] : null)
{
    case "expressions":
        BenchmarkRunner.Run<ExpressionBenchmarks>(args: args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("""
            usage: dotnet run -c Release --project tests/McpPlaybooks.Benchmarks -- <benchmark> [BenchmarkDotNet options]

            benchmarks:
              expressions   parse an expression, evaluate a condition, render templates
            """);
        return 2;
}
