"""Bad input never crashes or hangs: seeded mutations of the bundled scenarios (YAML) and of a
generated CSV-form scenario must each give exit code 0 or 2 from `chainnet validate`, with a
message, never a signal, an internal error or a time-out. (bench-free: ~300 cases, a few seconds;
longer runs of the same mutator under ASan found nothing either.)"""
import os
import random
import shutil

import pytest

from conftest import SOURCE, run_cli

JUNK = ["", "~", "[]", "{}", "-", ":", "'", '"', "&a", "*a", "!!binary", "1e999", "-0", "nan", "\t",
        "{csv: x.csv}", "[[", "}}", "é"]


def mutate(rng, text):
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op, i = rng.randrange(6), rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2 and lines[i]:
            j = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(JUNK) + lines[i][j + 1:]
        elif op == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif op == 4:
            lines[i] = lines[i].replace(",", "", 1)
        else:
            lines[i] = lines[i].replace(":", " ", 1)
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(6))
def test_mutated_scenarios_never_crash(tmp_path, seed):
    rng = random.Random(seed)
    yamls = [(SOURCE / "scenarios" / n).read_text() for n in ("default.yaml", "minimal.yaml", "rail_traction.yaml")]
    gen = tmp_path / "gen"
    assert run_cli("generate", "--sites", 60, "--seed", seed + 1, "-o", gen).returncode == 0
    csvs = {f: (gen / f).read_text() for f in os.listdir(gen)}
    seen = {0: 0, 2: 0}
    for n in range(50):
        if n % 2 == 0:
            target = tmp_path / "case.yaml"
            target.write_text(mutate(rng, rng.choice(yamls)))
        else:
            folder = tmp_path / "c"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            victim = rng.choice(sorted(csvs))
            for f, t in csvs.items():
                (folder / f).write_text(mutate(rng, t) if f == victim else t)
            target = folder / "scenario.yaml"
        r = run_cli("validate", target)
        assert r.returncode in (0, 2), (n, r.returncode, r.stderr[-500:])
        assert "internal error" not in r.stderr
        if r.returncode == 2:
            assert "error: " in r.stderr
        seen[r.returncode] += 1
    assert seen[2] > 0  # the mutations do break things
