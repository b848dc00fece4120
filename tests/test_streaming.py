"""Large files stream: reading and checking a big CSV keeps the loader's memory flat."""

import subprocess
import sys
from pathlib import Path

CHECK = """
import resource, sys
from explorer.loaders.readers import discover
from explorer.loaders.validate import validate
files, problems = discover([__import__("pathlib").Path(sys.argv[1])])
plan = validate(files, lambda ids: {}, problems)
print(plan.node_rows, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def write_nodes(path: Path, rows: int, note_size: int = 2000) -> None:
    note = "n" * note_size
    with open(path, "w", encoding="utf-8") as f:
        f.write("id;kind;name;notes\n")
        for i in range(rows):
            f.write(f'c{i};Company;Company {i};"{note} {i}"\n')


def peak_mb(path: Path) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True, text=True, check=True)
    rows, peak = out.stdout.split()
    return int(rows), int(peak)


def test_a_ten_times_larger_csv_needs_about_the_same_memory(tmp_path):
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write_nodes(small, 6_000)
    write_nodes(large, 60_000)
    assert large.stat().st_size > 110 * 2**20
    small_rows, small_peak = peak_mb(small)
    large_rows, large_peak = peak_mb(large)
    assert (small_rows, large_rows) == (6_000, 60_000)
    # The file grew by ~110 MB; the reader holds one row at a time, the checker a few bytes per id.
    assert large_peak - small_peak < 25, (small_peak, large_peak)
