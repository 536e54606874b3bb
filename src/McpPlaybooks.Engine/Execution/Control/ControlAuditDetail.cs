using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution.Control;

/// <summary>The detail a control request's audit entry keeps.</summary>
internal static class ControlAuditDetail
{
    /// <summary>Its comment and channel, each when given, as JSON; null when neither is.</summary>
    public static string? Of(ControlRequest request)
    {
        var detail = new List<KeyValuePair<string, Value>>();
        if (request.Comment is not null)
        {
            detail.Add(KeyValuePair.Create("comment", Value.From(request.Comment)));
        }

        if (!string.IsNullOrWhiteSpace(request.Channel))
        {
            detail.Add(KeyValuePair.Create("channel", Value.From(request.Channel)));
        }

        return detail.Count == 0 ? null : Value.From(detail).ToJson();
    }
}
