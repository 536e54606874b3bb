using System.Text.Json.Nodes;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// Reads the <c>inputResponses</c> of a <c>tasks/update</c>, all of them before any is acted on: each key must be an input
/// request this server issued for the task (<see cref="TaskInputKeys"/>) and each answer an elicitation result (<c>action</c>
/// accept, decline or cancel; an accept carries <c>content.decision</c> approve or reject). Anything else is -32602,
/// so that nothing is answered "complete" that decided nothing.
/// </summary>
internal static class TaskAnswers
{
    private const int MaxComment = 500;

    public static IReadOnlyList<TaskAnswer> Read(JsonNode? parameters, string taskId, bool issuedHere)
    {
        if (parameters?["inputResponses"] is not JsonObject responses || responses.Count == 0)
        {
            throw TaskErrors.BadAnswer("params.inputResponses is missing or empty: answer the inputRequests tasks/get shows, keyed as there");
        }

        var answers = new List<TaskAnswer>(responses.Count);
        foreach (var (key, answer) in responses)
        {
            var gate = TaskInputKeys.Gate(key, taskId, issuedHere)
                ?? throw TaskErrors.BadAnswer($"'{Shorten(key)}' is not an input request this server issued for task {taskId}. "
                    + "Call tasks/get (through this server) and answer the keys of its inputRequests");
            answers.Add(Answer(gate, key, answer as JsonObject));
        }

        return answers;
    }

    private static TaskAnswer Answer(string gate, string key, JsonObject? answer)
    {
        var action = Text(answer?["action"]);
        if (action is "decline" or "cancel")
        {
            return new TaskAnswer(gate, null, null);
        }

        if (action != "accept")
        {
            throw TaskErrors.BadAnswer($"the answer to '{Shorten(key)}' is not an elicitation result: its action must be accept, decline or cancel");
        }

        var decision = Text(answer!["content"]?["decision"]);
        if (decision is not ("approve" or "reject"))
        {
            throw TaskErrors.BadAnswer($"the answer to '{Shorten(key)}' accepts without a decision: content.decision must be approve or reject");
        }

        var comment = answer["content"]?["comment"];
        if (comment is not null && (Text(comment) is not { } text || text.Length > MaxComment))
        {
            throw TaskErrors.BadAnswer($"the answer to '{Shorten(key)}' has a comment that is not text of at most {MaxComment} characters");
        }

        return new TaskAnswer(gate, decision, Text(comment));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "...";
}
