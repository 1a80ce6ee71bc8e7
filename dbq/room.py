"""Run a command with room on CPython's frame stack, so deep calls do not storm mmap/munmap.

CPython 3.11+ keeps Python frames in 16 kB "data stack chunks". A call that does not fit in
the current chunk maps a new one, and returning from the first frame of a chunk unmaps it at
once. When a hot loop calls across such a boundary (WeasyPrint's layout recursion does, page
after page), every call maps and unmaps a chunk: about 3,000 system calls per page of a small
lesson, 450,000 for a 500-page build. A chunk is made at least as large as the frame that
asks for it, so a single frame with a large (unused, never touched) value stack makes the
chunk below everything dbq calls large enough for the deepest stack of a build: the
boundary is never crossed again. The room is virtual memory only; untouched pages cost
nothing.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Frame slots of 8 bytes: 4 MB of room, far more than the recursion limit can fill.
ROOM_SLOTS = 1 << 19


def _call(function: Callable[[], T]) -> T:
    return function()


# The same function, its frame's value stack made ROOM_SLOTS deeper than it needs.
_roomy = types.FunctionType(
    _call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + ROOM_SLOTS),
    {},
    "_roomy",
)


def with_room(function: Callable[[], T]) -> T:
    """function(), with every frame it pushes inside one large data stack chunk."""
    return _roomy(function)  # type: ignore[no-any-return]
