"""Time picklescan on files, in its own process: python3 picklescan-runner.py <picklescan-src> <repeats> <file>...
Prints JSON {file: {verdict, globals, seconds (best of repeats), error}}. picklescan itself is not in
this repository: pass the `src` folder of a checkout made outside it (see bench/scan/README.md).
"""
import json, logging, sys, time

sys.path.insert(0, sys.argv[1])
from picklescan.scanner import scan_file_path  # noqa: E402

logging.getLogger("picklescan").setLevel(logging.CRITICAL)
repeats = int(sys.argv[2])
out = {}
for path in sys.argv[3:]:
    best, result, error = float("inf"), None, None
    for _ in range(repeats):
        t = time.perf_counter()
        try:
            result = scan_file_path(path)
        except Exception as e:  # picklescan raises for 7z without py7zr, for example
            error = f"{type(e).__name__}: {e}"[:200]
        best = min(best, time.perf_counter() - t)
    if result is None:
        out[path] = {"verdict": "error", "globals": [], "seconds": best, "error": error}
        continue
    verdict = "dangerous" if result.issues_count else "suspicious" if result.suspicious_count else "clean"
    out[path] = {
        "verdict": verdict,
        "globals": sorted({f"{g.module}.{g.name}" for g in result.globals}),
        "seconds": best,
        "scan_err": result.scan_err,
    }
print(json.dumps(out))
