namespace McpPlaybooks.Server.Approvals.Review;

/// <summary>The fields of a decision posted from a page (the approval link's, the dashboard's): <c>decision</c> and <c>comment</c>.</summary>
internal static class DecisionForm
{
    /// <summary>The longest comment kept; a longer one is cut.</summary>
    public const int MaxComment = 1000;

    /// <summary>True for <c>approve</c>, false for <c>reject</c>, null for anything else.</summary>
    public static bool? Approve(string? decision) => decision switch
    {
        "approve" => true,
        "reject" => false,
        _ => null,
    };

    /// <summary>The comment as recorded: cut to <see cref="MaxComment"/>; null when blank.</summary>
    public static string? Comment(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return null;
        }

        return comment.Length > MaxComment ? comment[..MaxComment] : comment;
    }
}
