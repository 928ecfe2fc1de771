"""The 390 px check of the browser tests (issue 14, item 4): a page is no wider than the screen
(``document.documentElement.scrollWidth``; a wide table scrolls inside its wrapper), and when it
is, the message names the elements that reach past the screen's edge."""

from __future__ import annotations

from typing import Any

__all__ = ["too_wide"]

# the outermost elements reaching past the screen's right edge (what makes the page too wide)
WIDEST = """(limit) => {
const clipped = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
  if (["auto", "scroll", "hidden"].includes(getComputedStyle(a).overflowX)) return true; } return false; };
return [...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > limit && !clipped(e)
    && !(e.parentElement.getBoundingClientRect().right > limit))
  .slice(0, 5)
  .map((e) => `<${e.tagName.toLowerCase()}> ${Math.round(e.getBoundingClientRect().right)} px: ${e.textContent.slice(0, 60)}`)
}"""


def too_wide(page: Any, width: int = 390) -> str | None:
    """None when the page fits ``width`` px; else how wide it is and what sticks out."""
    actual = page.evaluate("document.documentElement.scrollWidth")
    if actual <= width:
        return None
    return f"{actual} px wide at {width} px: {page.evaluate(WIDEST, width + 1)}"
