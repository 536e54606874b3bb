// The official TypeScript client's task API (client.experimental.tasks) against the built server over stdio, across a
// kill -9 of the server: a task started before the kill answers tasks/get and tasks/result after a restart on the same
// data directory. Arguments: dotnet host, server dll, data directory, playbook directory. MCPPLAYBOOKS_TEST_LEASE_MS, when
// set, goes on to both servers: the killed one's lease then lapses at once instead of after 15 s.
// Prints one JSON line with what it saw; exits 1 with the error on stderr if anything throws.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";

const [dotnet, dll, dataDir, playbooks] = process.argv.slice(2);

// The last lines each server wrote to stderr, printed when the script fails, so that a failure says where the server was
// (one failed once in a full run, after a minute, and only the client's side was known).
const serverLogs = [];
process.on("exit", code => {
  if (code !== 0) {
    for (const log of serverLogs) process.stderr.write(`--- ${log.name}, its last stderr lines:\n${log.lines.join("\n")}\n`);
  }
});

async function connect() {
  const transport = new StdioClientTransport({
    command: dotnet,
    args: [dll, "serve", "--data-dir", dataDir, "--playbooks", playbooks],
    env: process.env.MCPPLAYBOOKS_TEST_LEASE_MS ? { MCPPLAYBOOKS_TEST_LEASE_MS: process.env.MCPPLAYBOOKS_TEST_LEASE_MS } : undefined,
    stderr: "pipe",
  });
  const log = { name: `server ${serverLogs.length + 1}`, lines: [] };
  serverLogs.push(log);
  transport.stderr?.on("data", chunk => {
    log.lines.push(...String(chunk).split("\n").filter(line => line.length > 0));
    log.lines.splice(0, Math.max(0, log.lines.length - 40));
  });
  const closed = new Promise(resolve => { transport.onclose = resolve; });
  const client = new Client({ name: "typescript-tasks-test", version: "1.0.0" });
  await client.connect(transport);
  await client.listTools(); // caches execution.taskSupport: callToolStream sends params.task for those tools
  return { client, transport, closed };
}

/** Starts a task with the stream API and stops following it once it waits at the gate (a key of its own: a new execution each time). */
async function startAtGate(client, key) {
  const stream = client.experimental.tasks.callToolStream(
    { name: "execute_playbook", arguments: { playbook_id: "gated", idempotency_key: key } },
    CallToolResultSchema,
    { task: { ttl: 600000 } });
  let created = null;
  for await (const message of stream) {
    if (message.type === "taskCreated") {
      created = message.task;
    } else if (message.type === "taskStatus" && message.task.status === "input_required") {
      return { created, atGate: message.task };
    } else if (message.type === "error") {
      throw message.error;
    } else if (message.type === "result") {
      throw new Error("the task ended before its gate: " + JSON.stringify(message.result));
    }
  }
  throw new Error("the stream ended before the gate");
}

function executionIdOf(task) {
  const match = /execution (\S+) waits/.exec(task.statusMessage ?? "");
  if (!match) throw new Error("no execution id in " + JSON.stringify(task));
  return match[1];
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// 1. First server: capability, tool marks, a task that waits at its gate; then kill -9.
const first = await connect();
const capability = first.client.getServerCapabilities()?.tasks ?? null;
const { tools } = await first.client.listTools();
const taskSupport = Object.fromEntries(tools.filter(t => t.execution?.taskSupport).map(t => [t.name, t.execution.taskSupport]));
const { created, atGate } = await startAtGate(first.client, "first");
const killedPid = first.transport.pid;
process.kill(killedPid, "SIGKILL");
await first.closed;

// 2. Second server on the same data directory: the same task answers.
const second = await connect();
const afterRestart = await second.client.experimental.tasks.getTask(created.taskId);
const executionId = executionIdOf(afterRestart);
const listed = await second.client.experimental.tasks.listTasks();
await second.client.callTool({ name: "approve_step", arguments: { execution_id: executionId, step_id: "risky", decision: "approve" } });
const result = await second.client.experimental.tasks.getTaskResult(created.taskId, CallToolResultSchema);
const ended = await second.client.experimental.tasks.getTask(created.taskId);

// 3. tasks/cancel through the client: a second task at its gate is cancelled, and its execution with it.
const other = await startAtGate(second.client, "second");
const cancelAnswer = await second.client.experimental.tasks.cancelTask(other.created.taskId);
let cancelled = await second.client.experimental.tasks.getTask(other.created.taskId);
// At most 30 s: a cancel the server lost shows as the status it stayed in, not as the test's three-minute timeout.
const cancelDeadline = Date.now() + 30000;
while (cancelled.status !== "cancelled" && cancelled.status !== "failed" && cancelled.status !== "completed" && Date.now() < cancelDeadline) {
  await sleep(cancelled.pollInterval ?? 500);
  cancelled = await second.client.experimental.tasks.getTask(other.created.taskId);
}

let unknownError = null;
try {
  await second.client.experimental.tasks.getTask("task-00000000000000000000000000000000");
} catch (error) {
  unknownError = { code: error.code, message: error.message };
}

await second.client.close();
console.log(JSON.stringify({
  capability,
  taskSupport,
  created,
  atGate: atGate.status,
  killedPid,
  afterRestart,
  listed: listed.tasks.map(t => t.taskId),
  resultStatus: result.structuredContent?.status,
  resultExecutionId: result.structuredContent?.execution_id,
  resultMeta: result._meta ?? null,
  ended: ended.status,
  cancelAnswer: cancelAnswer.status,
  cancelled: cancelled.status,
  unknownError,
}));
