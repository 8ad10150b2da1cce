"""What every command group of `kasuhara` shares: the type of the parser's sub-command table."""

from __future__ import annotations

import argparse
from typing import TypeAlias

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
