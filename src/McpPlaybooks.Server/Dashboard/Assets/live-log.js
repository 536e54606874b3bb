// The execution's log, following it: the last lines first, then, on each change the page hears from the feed, the lines
// written since (by cursor). The page keeps only the last KEEP lines. Messages are data: written with textContent.
"use strict";
(function () {
  const list = document.getElementById("log");
  if (!list) return;
  const KEEP = 500;
  const id = document.getElementById("execution-id").dataset.id;
  const note = document.getElementById("log-note");
  let cursor = null, total = 0, busy = false, again = false;

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function time(text) {
    const d = new Date(text);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  function append(entries) {
    const atEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
    for (const e of entries) {
      const li = el("li", { class: "log-line level-" + e.level, "data-id": String(e.id) });
      li.append(el("time", { datetime: e.at }, time(e.at)), el("span", { class: "log-level" }, e.level.toUpperCase()));
      if (e.step_id) li.append(el("span", { class: "log-step" }, e.step_id));
      li.append(el("span", { class: "log-message" }, e.message));
      list.append(li);
    }
    while (list.children.length > KEEP) list.firstElementChild.remove();
    if (atEnd) list.scrollTop = list.scrollHeight;
    const shown = list.children.length;
    note.textContent = shown === 0 ? "No log lines yet." : shown < total
      ? `The last ${shown} of ${total} lines (the page keeps the last ${KEEP}; get_execution_logs reads them all).`
      : `${shown} ${shown === 1 ? "line" : "lines"} (the page keeps the last ${KEEP}).`;
  }

  async function follow() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      let more = true;
      while (more) {
        const query = cursor === null ? "" : `?after=${cursor}`;
        const response = await fetch(`/ui/api/executions/${encodeURIComponent(id)}/logs${query}`, { credentials: "same-origin" });
        if (!response.ok) return;
        const page = await response.json();
        total = cursor === null ? page.total : total + page.entries.length;
        append(page.entries);
        cursor = page.cursor;
        more = page.more;
      }
    } catch (e) {
      // The feed reconnects; the next change goes on from the cursor.
    } finally {
      busy = false;
      if (again) { again = false; follow(); }
    }
  }

  document.addEventListener("execution:rendered", follow);
})();
