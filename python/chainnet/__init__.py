"""chainnet: plan and stress-test industrial supply chains.

    import chainnet as cn
    chain = cn.load("scenarios/default.yaml")
    chain.sites              # DataFrame indexed by site id
    chain.info()             # the same dictionary as `chainnet info --json`
    g = chain.to_networkx()  # MultiDiGraph of supplies
    cn.sweep(chain).sites    # systemic importance of every site (DataFrame)

Errors in a scenario raise ``cn.ScenarioError`` (a ValueError) whose ``errors`` list every problem
with its file, line and column.
"""
import os as _os

from . import _core
from ._chain import Chain, MODES, SITE_KINDS
from ._errors import Diagnostic, ScenarioError
from ._criticality import Criticality, criticality
from ._flow import FlowPlan, NormalPlan, flow_plan, normal_plan
from ._routing import Path, distance_matrix, route
from ._compare import Comparison, compare
from ._stress import MonteCarlo, StressResult, Survival, Sweep, monte_carlo, stress, survival, sweep
from ._strengthen import Plan, RegionProfile, region_profile, strengthen
from ._report import report
from ._excel import read_excel

__version__ = _core.__version__

__all__ = ["Chain", "Diagnostic", "Path", "ScenarioError", "load", "generate", "route",
           "distance_matrix", "flow_plan", "FlowPlan", "normal_plan", "NormalPlan", "criticality", "Criticality", "stress", "StressResult",
           "survival", "Survival", "sweep", "Sweep", "monte_carlo", "MonteCarlo", "compare", "Comparison", "strengthen", "Plan", "region_profile", "RegionProfile", "report", "read_excel", "SITE_KINDS", "MODES"]


def load(path):
    """Loads and validates a scenario file (YAML with inline lists or CSV tables).

    Raises ScenarioError listing every problem, or OSError when the file cannot be read.
    The work runs without the GIL."""
    return Chain(_core._load(_os.fspath(path)))


def generate(sites=1000, seed=1):
    """A synthetic, realistic chain of about ``sites`` sites, the same for the same seed
    (as ``chainnet generate``)."""
    return Chain(_core._generate(int(sites), int(seed)))
