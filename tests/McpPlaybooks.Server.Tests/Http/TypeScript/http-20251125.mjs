// The official TypeScript client (protocol 2025-11-25) over Streamable HTTP with a bearer token: a session, logging/setLevel,
// a gated execution, a subscription to it, the approval, and the resources/updated notification that follows.
// Arguments: the /mcp URL, the token. Prints one JSON line of what it saw.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";

const [url, token] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
const client = new Client({ name: "typescript-http-test", version: "1.0.0" });
await client.connect(transport);

await client.setLoggingLevel("info");
const { tools } = await client.listTools();
const started = await client.callTool({ name: "execute_playbook", arguments: { playbook_id: "gated", wait_seconds: 30 } });
const id = started.structuredContent.execution_id;
const uri = `execution://${id}`;
const updated = new Promise(resolve => client.setNotificationHandler(ResourceUpdatedNotificationSchema, n => {
  if (n.params.uri === uri) resolve(n.params.uri);
}));
await client.subscribeResource({ uri });
const approved = await client.callTool({ name: "approve_step", arguments: { execution_id: id, step_id: "risky", decision: "approve" } });
const updatedUri = await updated;
const final = await client.callTool({ name: "get_execution", arguments: { execution_id: id } });

console.log(JSON.stringify({
  protocolVersion: transport.protocolVersion,
  sessionId: transport.sessionId ?? null,
  tools: tools.length,
  gated: started.structuredContent.status,
  approveError: approved.isError ?? false,
  updated: updatedUri,
  final: final.structuredContent.status,
}));
await transport.terminateSession();
await client.close();
