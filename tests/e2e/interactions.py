"""Counting what a person does in the browser, so a task's step budget is a test that can fail.

One interaction is one thing a person does: follow a link or press a button (a click), type into
a field (a fill), tick or choose (a check), pick from a list (a select), or open a page by its
address (a visit). Reading is free. A task's budget is the number of interactions it may take, from
the page the person starts on to the confirmation they see.

    steps = Steps(page)
    steps.click(page.get_by_role("link", name="Add a case note"))
    steps.check(page.get_by_label("Visit"))
    steps.fill(page.get_by_label("What happened"), "Calmer mornings.")
    steps.click(page.get_by_role("button", name="Add note"))
    steps.within(3, "visit note")
"""

from typing import Any


class Steps:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.taken: list[str] = []

    def _count(self, what: str) -> None:
        self.taken.append(what)

    def visit(self, url: str) -> None:
        self._count(f"visit {url}")
        self.page.goto(url)

    def click(self, locator: Any) -> None:
        self._count(f"click {locator}")
        locator.click()
        # A click that follows a link or sends a form waits only for the new page to start arriving;
        # what the test reads next must be the page the person sees once it has loaded.
        self.page.wait_for_load_state("load")

    def fill(self, locator: Any, value: str) -> None:
        self._count(f"fill {locator}")
        locator.fill(value)

    def check(self, locator: Any) -> None:
        self._count(f"check {locator}")
        locator.check()

    def select(self, locator: Any, **option: Any) -> None:
        self._count(f"select {locator}")
        locator.select_option(**option)

    def within(self, budget: int, task: str) -> None:
        """Fail, listing every step, when the task took more interactions than its budget."""
        listing = "\n  ".join(self.taken)
        assert len(self.taken) <= budget, (
            f"{task} took {len(self.taken)} interactions (budget {budget}):\n  {listing}"
        )

    def reset(self) -> None:
        self.taken = []
