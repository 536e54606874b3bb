using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Expressions;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// What an execution keeps of the secret inputs its start gave, so that two starts with different secret values are told
/// apart although their stored inputs both read <c>***</c>: HMAC-SHA256, keyed with the store's key
/// (<see cref="History.SecretInputsKey"/>), of a JSON object of those inputs' names and values in name order. Keyed, so that
/// the digest alone (a copied row, an export) does not let anyone test guesses of a short secret; never the value itself.
/// The inputs covered are the ones stored as <c>***</c> (<see cref="SecretDefaults.ToStore"/>): one left at the playbook's
/// default is not stored at all, and the playbook's content hash already covers it.
/// </summary>
internal static class SecretInputsDigest
{
    /// <summary>The digest (lowercase hex) of the secret inputs among <paramref name="inputs"/>; null when it gives none.</summary>
    public static string? Of(byte[] key, PlaybookDefinition playbook, IReadOnlyDictionary<string, Value> inputs)
    {
        var stored = SecretDefaults.ToStore(playbook, inputs);
        var names = playbook.Inputs.Where(i => i.Secret && stored.ContainsKey(i.Name)).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in names)
            {
                writer.WritePropertyName(name);
                inputs[name].WriteJson(writer);
            }

            writer.WriteEndObject();
        }

        var digest = HMACSHA256.HashData(key, buffer.WrittenSpan);
        return Convert.ToHexStringLower(digest);
    }
}
