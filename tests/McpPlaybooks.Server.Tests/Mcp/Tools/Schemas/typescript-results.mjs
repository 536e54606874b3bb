// The official TypeScript client calls every tool of the built server over stdio. The client checks each structured
// result against the tool's output schema itself (with ajv) and throws when one does not match; this script also
// records what each result's content holds. Arguments: dotnet host, server dll, data directory, playbook directory.
// Prints one JSON line: the negotiated version and, per call, the tool, isError and the content block types.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [dotnet, dll, dataDir, playbooks] = process.argv.slice(2);
const transport = new StdioClientTransport({ command: dotnet, args: [dll, "serve", "--data-dir", dataDir, "--playbooks", playbooks], stderr: "pipe" });
let protocolVersion = null;
transport.setProtocolVersion = version => { protocolVersion = version; };
const client = new Client({ name: "typescript-results-test", version: "1.0.0" });
await client.connect(transport);
await client.listTools();

const calls = [];
async function call(name, args) {
  const result = await client.callTool({ name, arguments: args });
  calls.push({ tool: name, isError: result.isError === true, content: result.content.map(c => c.type), structured: result.structuredContent !== undefined });
  return result.structuredContent;
}

await call("list_playbooks", {});
await call("list_playbooks", { incident: { text: "greeting needed" } });
await call("get_playbook", { playbook_id: "say-hello" });
await call("validate_playbook", { playbook_id: "say-hello" });
await call("validate_playbook", { yaml: "id: x\nsteps: 3\n" });
await call("plan_playbook", { playbook_id: "say-hello" });
await call("plan_playbook", { playbook_id: "left-out" });
const run = await call("execute_playbook", { playbook_id: "say-hello", wait_seconds: 30 });
await call("get_execution", { execution_id: run.execution_id });
await call("list_executions", {});
await call("get_execution_logs", { execution_id: run.execution_id });
await call("control_execution", { execution_id: run.execution_id, action: "replay", wait_seconds: 30 });
await call("record_learning", { text: "greeting works", tags: ["greeting"] });
await call("get_insights", { query: "greeting" });
await call("get_execution_metrics", { playbook_id: "say-hello" });
await call("save_playbook", { playbook_id: "say-hello", status: "active" });
await call("approve_step", { execution_id: run.execution_id, step_id: "greet", decision: "approve" });
console.log(JSON.stringify({ protocolVersion, calls }));
await client.close();
