using System.Text;
using System.Text.Json;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Server.Mcp.Tools.Framework;
using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Waiting;

/// <summary>
/// A gate asked about as a multi round-trip request, for clients that negotiated protocol 2026-07-28 (which has no
/// server-initiated requests): the call ends with an input-required result holding the same form as
/// <see cref="GateElicitation"/> and a <see cref="GateRoundTripState"/>; the client asks the user and calls the tool
/// again with the answer (<c>inputResponses</c>) and the state (<c>requestState</c>), and <see cref="GateResumption"/>
/// goes on from there. Nothing waits in the server between the two calls.
/// </summary>
internal static class GateRoundTrip
{
    /// <summary>The key of the one input request: the gate's form.</summary>
    public const string InputKey = "gate";

    /// <summary>The first protocol with multi round-trip requests (and without server-initiated ones).</summary>
    public const string RoundTripProtocolVersion = "2026-07-28";

    private const string Prefix = "mcp-playbooks.gate.";

    /// <summary>Whether the call's client speaks 2026-07-28 or later, where a gate is asked by a round trip instead of an elicitation request.</summary>
    public static bool Applies(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var version = call.Request.JsonRpcRequest.Context?.ProtocolVersion ?? call.Server.NegotiatedProtocolVersion;
        return version is not null && string.CompareOrdinal(version, RoundTripProtocolVersion) >= 0; // versions are dates: ordinal order is time order
    }

    /// <summary>Ends the call with an input-required result asking about <paramref name="gate"/>; the state carries the rest.</summary>
    public static InputRequiredException Ask(ExecutionState state, PendingApproval gate, GateRoundTripState resume) =>
        Ask(GateElicitation.Request(state, gate), resume);

    /// <summary>Ends the call with an input-required result holding <paramref name="question"/> (the form, or the page's link in URL mode).</summary>
    public static InputRequiredException Ask(ElicitRequestParams question, GateRoundTripState resume) =>
        new(new Dictionary<string, InputRequest> { [InputKey] = InputRequest.ForElicitation(question) }, Encode(resume));

    /// <summary>
    /// The state of a call that answers a gate asked by <see cref="Ask"/>; null when the call carries no
    /// <c>requestState</c>. A state this server did not issue (or issued for another tool) is refused. The state is signed
    /// with a key this process drew at start: a caller without a token could otherwise write one itself and have a chat
    /// decision recorded without anyone having been asked. A token's holder may decide as themselves anyway, so for them a
    /// state another server process issued (several servers on one database) is taken as it reads.
    /// </summary>
    public static GateRoundTripState? Resuming(ToolCall call, string tool)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Request.Params?.RequestState is not { Length: > 0 } text)
        {
            return null;
        }

        var state = Decode(text, issuedHere: call.Caller is null);
        return state is not null && state.Tool == tool
            ? state
            : throw new ToolErrorException($"the requestState of this call is not one {tool} issued; call {tool} again without requestState and inputResponses.");
    }

    /// <summary>The user's answer in the call that resumes: the form's <c>decision</c> and <c>comment</c>, or why there is none.</summary>
    public static GateAnswer Answer(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Request.Params?.InputResponses is not { } responses || !responses.TryGetValue(InputKey, out var response))
        {
            return new GateAnswer(null, null, $"the call came back without an answer to the question asked in the chat (inputResponses.{InputKey})");
        }

        ElicitResult? result;
        try
        {
            result = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
        }
        catch (JsonException)
        {
            result = null;
        }

        return result is null
            ? new GateAnswer(null, null, "the answer in the chat was not an elicitation result")
            : GateElicitation.Read(result);
    }

    /// <summary>The client's answer to the page's link asked by a round trip: whether the person opened it, or why not.</summary>
    public static (bool Opened, string Outcome) Opened(ToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Request.Params?.InputResponses is not { } responses || !responses.TryGetValue(InputKey, out var response))
        {
            return (false, $"the call came back without an answer to the approval page offered in the chat (inputResponses.{InputKey})");
        }

        try
        {
            return response.Deserialize(InputResponse.ElicitResultJsonTypeInfo) is { } result
                ? GateLink.Read(result)
                : (false, "the answer in the chat was not an elicitation result");
        }
        catch (JsonException)
        {
            return (false, "the answer in the chat was not an elicitation result");
        }
    }

    /// <summary><c>mcp-playbooks.gate.</c>, the state's JSON in base64, <c>.</c>, its <see cref="ProcessSeal"/> signature in base64.</summary>
    private static string Encode(GateRoundTripState state)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(state, GateRoundTripJson.Default.GateRoundTripState);
        return $"{Prefix}{Convert.ToBase64String(json)}.{Convert.ToBase64String(ProcessSeal.Sign(json))}";
    }

    /// <param name="text">The call's <c>requestState</c>.</param>
    /// <param name="issuedHere">Whether its signature must be this process's.</param>
    private static GateRoundTripState? Decode(string text, bool issuedHere)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text[Prefix.Length..].Split('.') is not [var body, var signature])
        {
            return null;
        }

        try
        {
            var json = Convert.FromBase64String(body);
            if (issuedHere && !ProcessSeal.Signed(json, Convert.FromBase64String(signature)))
            {
                return null;
            }

            var state = JsonSerializer.Deserialize(json, GateRoundTripJson.Default.GateRoundTripState);
            return state is { Tool.Length: > 0, ExecutionId.Length: > 0, Gate.Length: > 0, StepId.Length: > 0, Asked: not null, Notes: not null } ? state : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
