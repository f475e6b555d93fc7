import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("CHAINNET_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BIN = os.environ.get("CHAINNET_BIN", str(SOURCE / "build" / "bin" / "chainnet"))


@pytest.fixture(scope="session")
def source():
    return SOURCE


@pytest.fixture(scope="session")
def scenarios():
    return SOURCE / "scenarios"


def run_cli(*args, cwd=None):
    """Runs the chainnet command; returns the CompletedProcess (text mode)."""
    return subprocess.run([BIN, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="session")
def cli():
    return run_cli


@pytest.fixture(scope="session")
def default_chain(scenarios):
    import chainnet as cn
    return cn.load(scenarios / "default.yaml")


def malformed_cases():
    root = SOURCE / "tests" / "data" / "malformed"
    cases = sorted(p for p in root.glob("*.yaml")) + sorted(root.glob("*/scenario.yaml"))
    return cases


def expectations(path):
    out = []
    for line in path.read_text().splitlines():
        if not line.startswith("# expect: "):
            break
        file, ln, col, msg = line[len("# expect: "):].split(":", 3)
        out.append((file, int(ln), int(col), msg.strip()))
    return out


def as_written(x):
    """x as chainnet's outputs write numbers: rounded to 15 significant digits (None stays None)."""
    if x is None or isinstance(x, (bool, int, str)):
        return x
    x = float(x)
    return x if x != x or x in (float("inf"), float("-inf")) else float(f"{x:.15g}")
