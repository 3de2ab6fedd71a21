"""A keyboard-only user for the browser journeys: moves focus with Tab or Shift+Tab, types, presses Enter or
Space, and counts what it did. Nothing here clicks, and nothing navigates but the keys themselves."""

from dataclasses import dataclass, field
from typing import Any

# Whether `target` comes before the focused element in the document (then Shift+Tab reaches it sooner).
_BEFORE_FOCUS = """t => { const a = document.activeElement;
  return !!a && a !== document.body && !!(a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING); }"""
_IS_FOCUSED = "t => t === document.activeElement"


@dataclass
class Keyboard:
    """Counts a keyboard user's interactions, each one *focus-and-activate*: moving focus to one target
    (any run of consecutive Tab or Shift+Tab presses) together with what is then done there, which is
    either typing a value into the focused field or pressing Enter or Space on the focused control.
    Pressing Enter in a field just filled, to send its form, is one more interaction (a mouse user would
    click the button). `interactions` lists them; `tab_runs` and `presses` count the finer steps, for the
    stricter reading in which every run of Tabs is an interaction of its own."""

    page: Any
    interactions: list[str] = field(default_factory=list)
    tab_runs: int = 0
    presses: int = 0
    limit: int = 80

    def _focus(self, target: Any) -> str:
        """Tab (or Shift+Tab) to `target`; says how many presses it took."""
        target.wait_for(state="attached")
        if target.evaluate(_IS_FOCUSED):
            return "already focused"
        key = "Shift+Tab" if target.evaluate(_BEFORE_FOCUS) else "Tab"
        for n in range(self.limit):
            self.page.keyboard.press(key)
            self.presses += 1
            if target.evaluate(_IS_FOCUSED):
                self.tab_runs += 1
                return f"{key} ×{n + 1}"
        raise AssertionError(f"{key} never reached {target}")

    def fill(self, target: Any, text: str) -> None:
        """Tab to a field and type a value into it: one interaction."""
        moved = self._focus(target)
        self.page.keyboard.type(text)
        self.interactions.append(f"type into {_name(target)} ({moved})")

    def activate(self, target: Any, key: str = "Enter", *, navigates: bool = True) -> None:
        """Tab to a control and press Enter (or Space) on it: one interaction."""
        moved = self._focus(target)
        self._press(key, navigates, f"{key} on {_name(target)} ({moved})")

    def send(self) -> None:
        """Enter in the field just filled, which sends its form: one interaction."""
        self._press("Enter", True, "Enter to send the form")

    def _press(self, key: str, navigates: bool, what: str) -> None:
        self.presses += 1
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)
        self.interactions.append(what)

    @property
    def strict_count(self) -> int:
        return len(self.interactions) + self.tab_runs


def _name(target: Any) -> str:
    return target.evaluate(
        """e => (e.labels && e.labels.length ? e.labels[0].innerText : (e.innerText || e.value || e.name))
              .replace(/\\s+/g, ' ').trim()"""
    )
