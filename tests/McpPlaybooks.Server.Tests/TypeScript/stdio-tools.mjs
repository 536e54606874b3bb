// The official TypeScript client starts the built server over stdio and lists its tools.
// Arguments: dotnet host, server dll, data directory. Prints one JSON line: the negotiated version and the tool names.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [dotnet, dll, dataDir] = process.argv.slice(2);
const transport = new StdioClientTransport({ command: dotnet, args: [dll, "serve", "--data-dir", dataDir], stderr: "pipe" });
let protocolVersion = null;
transport.setProtocolVersion = version => { protocolVersion = version; };
const client = new Client({ name: "typescript-client-test", version: "1.0.0" });
await client.connect(transport);
const { tools } = await client.listTools();
console.log(JSON.stringify({ protocolVersion, server: client.getServerVersion()?.name, tools: tools.map(t => t.name) }));
await client.close();
