using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;
using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Secret inputs whose value is too short to mask without harm. A secret is masked wherever its text appears (the safe
/// side, kept), and a value of 1 to 3 characters appears in unrelated text all the time (<c>pid 12333</c> reads
/// <c>pid 1***333</c> for the secret <c>2</c>); where that text is known (a time, an id), the masks show which characters
/// were the secret. So a start given one says so once, in the execution's log and the server's, naming the input, never
/// its value.
/// </summary>
internal static partial class ShortSecretInputs
{
    /// <summary>The shortest secret input value (as it is masked: its text) that starts without the warning.</summary>
    public const int MinLength = 4;

    /// <summary>The names of the secret inputs among <paramref name="inputs"/> whose text is shorter than <see cref="MinLength"/>, in the playbook's order.</summary>
    public static List<string> Of(PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs) =>
        [.. SecretDefaults.Given(playbook, inputs).Where(i => inputs[i.Name].ToDisplayString().Length < MinLength).Select(i => i.Name)];

    /// <summary>The execution log's line for one such input.</summary>
    public static string Warning(string input) =>
        $"secret input '{input}' is shorter than {MinLength} characters: it is masked as *** wherever its text appears in this execution's "
        + "outputs, logs and errors, so unrelated text that contains it is garbled, and where that text is known the masks show the value. "
        + $"Give secrets of {MinLength} characters or more.";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Execution {ExecutionId} of {PlaybookId}: secret input '{Input}' is shorter than {MinLength} characters; it is masked wherever its text appears, which garbles unrelated text and may give the value away. Give secrets of {MinLength} characters or more")]
    public static partial void Logged(ILogger logger, string executionId, string playbookId, string input, int minLength);
}
