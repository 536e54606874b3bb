using System.Text.Json;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>Reads the <c>type</c> of an execution's incident (its stored JSON).</summary>
internal static class IncidentTypes
{
    /// <summary>The longest type kept; a longer one is cut.</summary>
    private const int MaxLength = 100;

    /// <summary>The incident's <c>type</c> when it is a non-empty string; null otherwise.</summary>
    public static string? Of(string? incidentJson)
    {
        if (string.IsNullOrWhiteSpace(incidentJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(incidentJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() is { Length: > 0 } text)
            {
                var trimmed = text.Trim();
                return trimmed.Length <= MaxLength ? trimmed : trimmed[..MaxLength];
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
