"""Type aliases used across the package."""

from __future__ import annotations

import os
from typing import Iterable, Union

PathLike = Union[str, "os.PathLike[str]"]
PathsLike = Union[PathLike, Iterable[PathLike]]
