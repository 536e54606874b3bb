#!/usr/bin/env python3
"""The launcher loop of chain.sh: starts /bin/true STEPS times the way the engine starts a shell step on Linux
(Actions/Shell/PosixSpawn): three close-on-exec pipes, one posix_spawn in a session of its own with no signal blocked
and SIGPIPE at its default, the child's ends closed, stdin closed, stdout and stderr read to their end, waitpid.
Prints the wall time of the loop in ms (the interpreter's start is not counted).

    tests/bench/spawn-loop.py STEPS
"""
import os, signal, sys, time


def once(env):
    pipes = [os.pipe2(os.O_CLOEXEC) for _ in range(3)]
    stdin, stdout, stderr = pipes
    pid = os.posix_spawn("/bin/true", ["/bin/true"], env,
                         file_actions=[(os.POSIX_SPAWN_DUP2, stdin[0], 0), (os.POSIX_SPAWN_DUP2, stdout[1], 1), (os.POSIX_SPAWN_DUP2, stderr[1], 2)],
                         setsid=True, setsigmask=(), setsigdef=(signal.SIGPIPE,))
    for fd in (stdin[0], stdout[1], stderr[1], stdin[1]):
        os.close(fd)
    for fd in (stdout[0], stderr[0]):
        while os.read(fd, 65536):
            pass
        os.close(fd)
    os.waitpid(pid, 0)


def main():
    steps = int(sys.argv[1])
    env = dict(os.environ, MCP_PLAYBOOKS_STEP="0" * 32, MCP_PLAYBOOKS_ENGINE="0" * 32)
    began = time.monotonic()
    for _ in range(steps):
        once(env)
    print("%.3f" % ((time.monotonic() - began) * 1000))


if __name__ == "__main__":
    main()
