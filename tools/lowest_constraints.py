"""Pin every dependency of newsctl to the lowest version pyproject.toml allows.

    python tools/lowest_constraints.py > lowest.txt
    pip install -c lowest.txt '.[test]'

CI installs the project this way in a second environment and runs the tests, so a
declared lower bound is one that installs and works (issue 13: bounds that "cannot
be installed together" went unnoticed). Reads the [project] dependencies and the test
extra; each "name>=X" becomes "name==X".
"""

import re
import sys
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
_LOWER = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+?)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")


def lowest_pins(pyproject: Path) -> list[str]:
    """Pins ("name==lower") for every requirement of the project and its test extra with a lower
    bound; requirements without one are left to pip."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [*data["dependencies"], *data["optional-dependencies"].get("test", [])]
    pins = []
    for requirement in requirements:
        match = _LOWER.match(requirement)
        if match:
            name = re.sub(r"\[.*\]$", "", match.group(1))
            pins.append(f"{name}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    sys.stdout.write("".join(pin + "\n" for pin in lowest_pins(PROJECT / "pyproject.toml")))
