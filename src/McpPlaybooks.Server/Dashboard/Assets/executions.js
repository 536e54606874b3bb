// The executions page: loads the rows from /ui/api/executions and keeps them live from /ui/api/events (one shared feed on
// the server). Plain JavaScript, no framework.
"use strict";
(function () {
  const LABELS = {
    pending: ["○", "pending"], running: ["▶", "running"], paused: ["❚❚", "paused"],
    waiting_approval: ["⚠", "waiting for approval"], completed: ["✓", "completed"], failed: ["✗", "failed"],
    cancelled: ["⊘", "cancelled"], rolling_back: ["↺", "rolling back"], rolled_back: ["↺", "rolled back"],
  };
  const ENDED = new Set(["completed", "failed", "cancelled", "rolled_back"]);
  const params = new URLSearchParams(location.search);
  // Trimmed as the server trims them: the rows it lists and the live feed's updates must agree on what matches.
  const param = (name) => (params.get(name) || "").trim();
  const filter = {
    status: param("status"), playbook: param("playbook"), started_by: param("started_by"), q: param("q"), parent: param("parent"),
  };
  const cursor = params.get("cursor");
  const waiting = document.getElementById("waiting");
  const all = document.getElementById("executions");
  const live = document.getElementById("live");
  let loading = null;
  let queued = [];

  for (const [name, value] of Object.entries(filter)) {
    const field = document.querySelector(`.filters [name="${name}"]`);
    if (field) field.value = value;
  }

  if (filter.parent) {
    // The child executions of one execution (its page links here when it has more than it lists).
    const link = document.getElementById("parent-link");
    link.href = "/ui/executions/" + encodeURIComponent(filter.parent);
    link.textContent = filter.parent;
    document.getElementById("parent-filter").hidden = false;
  }

  function matches(e) {
    if (filter.status && e.status !== filter.status) return false;
    if (filter.parent && e.parent_execution_id !== filter.parent) return false;
    if (filter.playbook && e.playbook_id !== filter.playbook) return false;
    if (filter.started_by && e.started_by.toLowerCase() !== filter.started_by.toLowerCase()) return false;
    if (filter.q) {
      const q = filter.q.toLowerCase();
      if (![e.id, e.playbook_id, e.started_by].some((t) => t.toLowerCase().includes(q))) return false;
    }
    return true;
  }

  // A <time> element: the clock time alone for today, the date and minutes before; the full local time on hover.
  function time(text) {
    if (!text) return "";
    const d = new Date(text);
    const pad = (n) => String(n).padStart(2, "0");
    const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    const element = document.createElement("time");
    element.dateTime = d.toISOString();
    element.title = `${day} ${clock}`;
    element.textContent = d.toDateString() === new Date().toDateString() ? clock : `${day} ${clock.slice(0, 5)}`;
    return element;
  }

  function duration(e) {
    const from = e.started_at || e.created_at;
    const to = e.ended_at ? new Date(e.ended_at) : (ENDED.has(e.status) ? null : new Date());
    if (!from || !to) return "";
    let s = Math.max(0, Math.round((to - new Date(from)) / 1000));
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    if (!h && !m && !s) return "<1s";
    return h ? `${h}h ${m}m ${s}s` : m ? `${m}m ${s}s` : `${s}s`;
  }

  function cell(label, content, className) {
    const td = document.createElement("td");
    td.dataset.label = label;
    if (className) td.className = className;
    if (content instanceof Node) td.append(content); else td.textContent = content;
    return td;
  }

  function row(e) {
    const tr = document.createElement("tr");
    tr.dataset.id = e.id;
    tr.dataset.created = e.created_at;
    tr.dataset.status = e.status;
    tr.className = "status-" + e.status;
    const [icon, text] = LABELS[e.status] || ["•", e.status];
    const badge = document.createElement("span");
    badge.className = "badge badge-" + e.status;
    const mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = icon + " ";
    badge.append(mark, text + (e.dry_run ? " (dry run)" : ""));
    const id = document.createElement("a");
    id.href = "/ui/executions/" + encodeURIComponent(e.id);
    id.className = "id";
    id.textContent = e.id;
    const execution = document.createElement("span");
    execution.append(id);
    if (e.owner) {
      const owner = document.createElement("span");
      owner.className = "owner";
      owner.title = "The server running it";
      owner.textContent = "on " + e.owner;
      execution.append(owner);
    }
    if (e.parent_execution_id) {
      // A child execution (a playbook step's) says whose: its parent's page shows its gates and its place in the run.
      const parent = document.createElement("span");
      parent.className = "parent";
      const link = document.createElement("a");
      link.href = "/ui/executions/" + encodeURIComponent(e.parent_execution_id);
      link.textContent = e.parent_execution_id;
      parent.append("child of ", link);
      execution.append(parent);
    }
    const playbook = document.createElement("span");
    playbook.textContent = e.playbook_id + " ";
    const version = document.createElement("span");
    version.className = "version";
    version.textContent = e.playbook_version;
    playbook.append(version);
    if (e.error) {
      const error = document.createElement("span");
      error.className = "error";
      error.textContent = e.error;
      playbook.append(error);
    }
    tr.append(cell("Status", badge), cell("Execution", execution), cell("Playbook", playbook), cell("Started by", e.started_by),
      cell("Started", time(e.started_at || e.created_at)), cell("Ended", time(e.ended_at)), cell("Duration", duration(e), "duration"));
    tr.dataset.from = e.started_at || e.created_at;
    tr._execution = e;
    return tr;
  }

  function insert(body, tr) {
    const created = tr.dataset.created;
    for (const other of body.rows) {
      if (other.dataset.created < created || (other.dataset.created === created && other.dataset.id < tr.dataset.id)) {
        body.insertBefore(tr, other);
        return;
      }
    }
    body.append(tr);
  }

  function refreshCounts() {
    document.getElementById("waiting-section").hidden = waiting.rows.length === 0;
    document.getElementById("waiting-count").textContent = waiting.rows.length ? `(${waiting.rows.length})` : "";
    document.getElementById("empty").hidden = all.rows.length !== 0 || waiting.rows.length !== 0;
  }

  function upsert(e) {
    const old = document.querySelector(`tr[data-id="${CSS.escape(e.id)}"]`);
    const wasListed = old !== null;
    if (old) old.remove();
    if (matches(e)) {
      if (e.status === "waiting_approval") insert(waiting, row(e));
      else if (!cursor || wasListed) insert(all, row(e));
    }
    refreshCounts();
  }

  function query(extra) {
    const q = new URLSearchParams();
    for (const [name, value] of Object.entries(filter)) if (value) q.set(name, value);
    for (const [name, value] of Object.entries(extra || {})) if (value) q.set(name, value);
    return q.toString();
  }

  async function load() {
    const response = await fetch("/ui/api/executions?" + query({ cursor }), { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ message: response.statusText }));
      live.textContent = "Could not load executions: " + problem.message;
      live.className = "live problem";
      return;
    }
    const list = await response.json();
    waiting.replaceChildren(...list.waiting.map(row));
    all.replaceChildren(...list.executions.map(row));
    const older = document.getElementById("older");
    older.hidden = !list.next_cursor;
    if (list.next_cursor) older.href = "/ui/?" + query({ cursor: list.next_cursor });
    const newest = document.getElementById("newest");
    newest.hidden = !cursor;
    newest.href = "/ui/?" + query();
    refreshCounts();
  }

  function connect() {
    const events = new EventSource("/ui/api/events");
    events.addEventListener("ready", () => {
      live.textContent = "Live: changes appear as they happen.";
      live.className = "live on";
      queued = [];
      loading = load().catch((error) => { live.textContent = "Could not load executions: " + error; }).finally(() => {
        loading = null;
        const pending = queued;
        queued = [];
        pending.forEach(upsert);
      });
    });
    events.addEventListener("execution", (message) => {
      const e = JSON.parse(message.data);
      if (loading) queued.push(e); else upsert(e);
    });
    McpUi.feedTrouble(events, live);
  }

  setInterval(() => {
    for (const tr of document.querySelectorAll("tr[data-id]")) {
      const e = tr._execution;
      if (e && !e.ended_at && !ENDED.has(e.status)) tr.querySelector(".duration").textContent = duration(e);
    }
  }, 1000);

  connect();
})();
