using System.Text.Json.Serialization;

namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>
/// The JSON of ASP.NET Core's own results on the HTTP listener (<c>ConfigureHttpJsonOptions</c>), source-generated since
/// the server runs without reflection-based JSON: the SDK's legacy SSE handler answers some refusals with
/// <c>Results.BadRequest(string)</c> ("No message in request body."), which otherwise fail with a missing JsonTypeInfo (500).
/// </summary>
[JsonSerializable(typeof(string))]
internal sealed partial class HttpResultsJson : JsonSerializerContext;
