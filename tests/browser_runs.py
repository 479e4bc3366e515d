"""The script runs of a page's Streamlit session, read from its websocket, for browser tests.

What the page shows lags behind what the app does: Streamlit's running indicator appears only after
the run has taken 500 ms, and when a click returns, the rerun it asks for may not have started. The
websocket says it exactly: the browser sends a ``rerun_script`` message for every widget change and
page switch, and the server ends every run with ``script_finished``. So "the run this action asked
for is done and drawn" is: a request was sent, a run finished successfully after the last request,
the page has handled that message (counted in the page, in a task queued behind the app's own
handling), and the page is no longer running nor showing elements of the previous run.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from playwright.sync_api import Error, expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM = "/_stcore/stream"
_DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
# Counts, in the page, the messages its newest Streamlit websocket has received and handled. The
# count is raised in a task queued while the message is handled, so after the app's own handling.
_COUNT_HANDLED = """(() => {
  const Native = window.WebSocket;
  window.__stHandled = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (!String(args[0]).includes("/_stcore/stream")) return;
      window.__stHandled = 0;
      window.__stSocket = this;
      const counted = () => { if (window.__stSocket === this) window.__stHandled++; };
      this.addEventListener("message", () => setTimeout(counted));
    }
  };
})();"""


class Runs:
    """The runs of the page's current Streamlit session (a new websocket starts a new count)."""

    def __init__(self, page) -> None:
        self.page = page
        self.socket = None
        self.requested = 0  # rerun requests the browser sent on the current socket
        self.received = 0  # messages the server sent on the current socket
        self.pending = False  # a request was sent and no run has finished successfully since
        self.finished = 0  # the message count at the last successful finish
        page.add_init_script(_COUNT_HANDLED)
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        if STREAM not in ws.url:
            return
        self.socket, self.requested, self.received, self.pending, self.finished = ws, 0, 0, False, 0
        ws.on("framesent", lambda payload: self._sent(ws, payload))
        ws.on("framereceived", lambda payload: self._received(ws, payload))

    def _sent(self, ws, payload) -> None:
        if ws is not self.socket or isinstance(payload, str):
            return
        if BackMsg.FromString(payload).WhichOneof("type") == "rerun_script":
            self.requested += 1
            self.pending = True

    def _received(self, ws, payload) -> None:
        if ws is not self.socket:
            return
        self.received += 1
        if isinstance(payload, str):
            return
        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in _DONE:
            self.pending = False
            self.finished = self.received

    def _until(self, condition, event: str, timeout_ms: float, what: str) -> None:
        """Let Playwright deliver the websocket's events until ``condition()`` holds; ``event`` is
        the socket event that can make it hold."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not condition():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{what} (after {timeout_ms / 1000:.0f} s)")
            try:
                self.socket.wait_for_event(event, timeout=min(left, 5) * 1000)
            except Error:
                pass  # none within 5 s, or the socket was replaced: look again

    def settle(self, timeout_ms: float) -> None:
        """Wait until no requested run is outstanding, the page has handled its last message and
        draws no element of a previous run."""
        if self.socket is None:
            return
        self._until(lambda: not self.pending, "framereceived", timeout_ms, "the app did not finish the requested run")
        self.page.wait_for_function("n => window.__stHandled >= n", arg=self.finished, timeout=timeout_ms)
        app = self.page.get_by_test_id("stApp")
        expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)
        expect(self.page.locator('[data-stale="true"]')).to_have_count(0, timeout=timeout_ms)

    @contextmanager
    def rerun(self, timeout_ms: float, request_ms: float = 20_000):
        """Around an action that must make the app run again: after it, wait until the browser has
        sent the request and that run is finished and drawn. Fails when no run was asked for."""
        before = self.requested
        yield
        self.requested_after(before, request_ms)
        self.settle(timeout_ms)

    def requested_after(self, before: int, timeout_ms: float) -> None:
        """Wait until the browser has sent a rerun request after the ``before``-th one."""
        self._until(lambda: self.requested > before, "framesent", timeout_ms, "the action asked the app for no new run")
