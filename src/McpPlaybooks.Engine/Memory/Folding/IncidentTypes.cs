using System.Text.Json;

namespace McpPlaybooks.Engine.Memory.Folding;

/// <summary>Reads the <c>type</c> of an execution's incident (its stored JSON).</summary>
internal static class IncidentTypes
{
    /// <summary>
    /// The incident's <c>type</c> when it is a string that names a type (<see cref="IncidentTypeName.Normalize"/>: trimmed,
    /// lower-case, an identifier); null otherwise, so free text is folded as no type and never stored.
    /// </summary>
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
                && type.GetString() is { } text)
            {
                return IncidentTypeName.Normalize(text);
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
