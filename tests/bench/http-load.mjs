// A load client for MCP over Streamable HTTP, with fetch only (no SDK, so the client costs little):
//   node http-load.mjs call URL TOOL ARGS_JSON                 one session, one call; prints the result as JSON
//   node http-load.mjs load URL TOOL ARGS_JSON CLIENTS SECONDS [WARMUP_SECONDS]
// 'load' opens CLIENTS sessions (initialize, notifications/initialized), then each calls TOOL in a loop, one call at a
// time, for WARMUP (default 5, not counted) + SECONDS; prints one JSON line: requests, errors, requests/s, latency in ms.
const [mode, url, tool, argsJson, clientsText, secondsText, warmupText] = process.argv.slice(2);
const args = JSON.parse(argsJson ?? "{}");
const protocolVersion = "2025-11-25";

async function post(session, body) {
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (session.id) {
    headers["mcp-session-id"] = session.id;
    headers["mcp-protocol-version"] = protocolVersion;
  }
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  session.id ??= response.headers.get("mcp-session-id");
  if (body.id === undefined) return null;
  // JSON, or SSE whose data lines carry the messages: the answer is the one with the request's id.
  const messages = response.headers.get("content-type")?.includes("text/event-stream")
    ? text.split("\n").filter(line => line.startsWith("data:") && line.length > 6).map(line => JSON.parse(line.slice(5)))
    : [JSON.parse(text)];
  const answer = messages.find(m => m.id === body.id);
  if (!answer) throw new Error(`no answer to ${body.method}`);
  if (answer.error) throw new Error(`${body.method}: ${answer.error.message}`);
  return answer.result;
}

async function open() {
  const session = { id: null, next: 1 };
  await post(session, {
    jsonrpc: "2.0", id: session.next++, method: "initialize",
    params: { protocolVersion, capabilities: {}, clientInfo: { name: "http-load", version: "1.0.0" } },
  });
  await post(session, { jsonrpc: "2.0", method: "notifications/initialized" });
  return session;
}

async function call(session) {
  const result = await post(session, { jsonrpc: "2.0", id: session.next++, method: "tools/call", params: { name: tool, arguments: args } });
  if (result.isError) throw new Error(`${tool} failed: ${JSON.stringify(result.content).slice(0, 200)}`);
  return result;
}

if (mode === "call") {
  console.log(JSON.stringify(await call(await open())));
} else if (mode === "load") {
  const clients = Number(clientsText ?? 50);
  const seconds = Number(secondsText ?? 60);
  const warmup = Number(warmupText ?? 5);
  const sessions = await Promise.all(Array.from({ length: clients }, open));
  const start = performance.now();
  const measureFrom = start + warmup * 1000;
  const end = measureFrom + seconds * 1000;
  const latencies = [];
  let errors = 0;
  const firstErrors = [];
  await Promise.all(sessions.map(async session => {
    while (performance.now() < end) {
      const sent = performance.now();
      try {
        await call(session);
        if (sent >= measureFrom) latencies.push(performance.now() - sent);
      } catch (e) {
        if (sent >= measureFrom) errors++;
        if (firstErrors.length < 3) firstErrors.push(String(e.message ?? e));
      }
    }
  }));
  latencies.sort((a, b) => a - b);
  const at = q => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null;
  const round = x => x === null ? null : Math.round(x * 1000) / 1000;
  console.log(JSON.stringify({
    clients, seconds, requests: latencies.length, errors,
    requestsPerSecond: Math.round(latencies.length / seconds),
    avgMs: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
    p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(at(1)),
    ...(firstErrors.length ? { firstErrors } : {}),
  }));
} else {
  console.error("usage: node http-load.mjs call|load URL TOOL ARGS_JSON [CLIENTS SECONDS [WARMUP]]");
  process.exit(2);
}
