"""Run `-m module ...` or `-c code ...` and record the process's own peak resident memory (VmHWM) at exit.

ru_maxrss of a child carries the parent's memory from before exec on Linux; VmHWM belongs to the new program only.
"""

import atexit
import os
import runpy
import sys


def _record() -> None:
    target = os.environ.get("BENCH_PEAK_FILE")
    if not target:
        return
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(target, "w") as out:
                    out.write(line.split()[1])  # kB


atexit.register(_record)
mode, target, *rest = sys.argv[1:]
sys.argv = [target, *rest]
if mode == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
