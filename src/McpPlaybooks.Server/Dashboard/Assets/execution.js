// One execution: its facts (with links to its parent and child executions), its steps as a graph (SVG: a node per step coloured by state with its status in words, an
// edge per `needs`) and as a table, live from the shared feed, and the controls (each confirmed first).
"use strict";
(function () {
  const LABELS = {
    pending: "pending", running: "running", paused: "paused", waiting_approval: "waiting for approval",
    completed: "completed", failed: "failed", cancelled: "cancelled", rolling_back: "rolling back", rolled_back: "rolled back",
    skipped: "skipped", interrupted: "interrupted", retrying: "retrying",
  };
  const CONFIRM = {
    pause: "Pause this execution? No new step starts; running steps finish first.",
    resume: "Resume this execution?",
    cancel: "Cancel this execution? Running steps are stopped and its finally steps run. This cannot be undone.",
    rollback: "Roll this execution back? The rollback of each completed step runs, newest first. This cannot be undone.",
  };
  const id = document.getElementById("execution-id").dataset.id;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const live = document.getElementById("live");
  const result = document.getElementById("control-result");
  let busy = false;

  const label = (status) => LABELS[status] || status.replace(/_/g, " ");
  function time(text) {
    if (!text) return "";
    const d = new Date(text);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A link to another execution's page; with its row (a child's), its playbook and status beside it.
  function executionLink(executionId, row) {
    const item = el("span", { class: "execution-link" });
    item.append(el("a", { href: "/ui/executions/" + encodeURIComponent(executionId) }, executionId));
    if (row) item.append(" ", el("span", { class: "badge badge-" + row.status }, label(row.status)), ` ${row.playbook_id}`);
    return item;
  }

  // The child executions its playbook steps started, each a link, and how many the list leaves out.
  function children(detail) {
    const list = el("ul", { class: "children", id: "children" });
    list.append(...detail.children.map((child) => { const li = el("li"); li.append(executionLink(child.id, child)); return li; }));
    const more = detail.child_count - detail.children.length;
    if (more > 0) {
      const all = el("a", { href: "/ui/?parent=" + encodeURIComponent(detail.execution.id) }, `and ${more} more`);
      const li = el("li", { class: "hint" });
      li.append(all);
      list.append(li);
    }
    return list;
  }

  function facts(detail) {
    const e = detail.execution;
    const dl = document.getElementById("facts");
    const badge = el("span", { class: "badge badge-" + e.status }, label(e.status) + (e.dry_run ? " (dry run)" : ""));
    const rows = [["Status", badge], ["Playbook", `${e.playbook_id} ${e.playbook_version}`], ["Started by", e.started_by],
      ["Started", time(e.started_at || e.created_at)], ["Ended", time(e.ended_at)]];
    if (e.parent_execution_id) rows.push(["Started by the execution", executionLink(e.parent_execution_id)]);
    if (detail.child_count > 0) rows.push(["Child executions", children(detail)]);
    if (e.owner) rows.push(["Owner", e.owner]);
    if (e.error) rows.push(["Error", e.error]);
    dl.replaceChildren(...rows.flatMap(([k, v]) => { const dd = el("dd"); dd.append(v); return [el("dt", {}, k), dd]; }));
    document.title = `${e.playbook_id} ${label(e.status)} · mcp-playbooks`;
  }

  // The shared step graph (graph.js); each node opens the step's details (step-detail.js listens for its clicks and keys).
  function graph(steps) {
    const nodes = steps.map((s) => ({
      id: s.id,
      needs: s.needs,
      state: s.status,
      lines: [label(s.status) + (s.attempts > 1 ? ` · ${s.attempts} attempts` : ""), s.iterations ? s.iterations.label : ""],
      title: `${s.id}: ${label(s.status)}${s.error ? " — " + s.error : ""}`,
      action: `${s.id}: ${label(s.status)}${s.iterations ? ", " + s.iterations.label : ""}. Show its details.`,
    }));
    McpGraph.draw(document.getElementById("graph"), nodes, `Step graph: ${steps.length} steps`);
  }

  function table(steps) {
    document.getElementById("steps").replaceChildren(...steps.map((s) => {
      const tr = el("tr", { "data-step": s.id });
      const badge = el("span", { class: "badge badge-" + s.status }, label(s.status));
      const cells = [["Step", s.id], ["Status", badge], ["Action", s.action || ""], ["Needs", s.needs.join(", ")],
        ["Attempts", String(s.attempts)], ["Started", time(s.started_at)], ["Ended", time(s.ended_at)]];
      for (const [name, value] of cells) { const td = el("td", { "data-label": name }); td.append(value); tr.append(td); }
      if (s.error) tr.title = s.error;
      return tr;
    }));
  }

  function controls(list) {
    const section = document.getElementById("controls");
    section.hidden = list.length === 0 && !result.textContent;
    document.getElementById("buttons").replaceChildren(...list.map((action) => {
      const button = el("button", { type: "button", "data-action": action, class: action === "cancel" || action === "rollback" ? "danger" : "" }, action[0].toUpperCase() + action.slice(1));
      button.addEventListener("click", () => control(action));
      return button;
    }));
  }

  function render(detail) {
    facts(detail);
    document.getElementById("graph-note").hidden = detail.has_graph;
    graph(detail.steps);
    table(detail.steps);
    controls(detail.controls);
    // The gate panel and step controls (gate.js), the timeline, the step's details and the log follow each redraw.
    document.dispatchEvent(new CustomEvent("execution:rendered", { detail }));
  }

  async function load() {
    const response = await fetch(`/ui/api/executions/${encodeURIComponent(id)}`, { credentials: "same-origin" });
    const body = await response.json();
    if (!response.ok) { live.textContent = body.message; live.className = "live problem"; return; }
    render(body);
  }

  async function control(action) {
    if (busy || !window.confirm(CONFIRM[action] || `${action}?`)) return;
    busy = true;
    try {
      const response = await fetch(`/ui/api/executions/${encodeURIComponent(id)}/control`, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ action }),
      });
      const body = await response.json().catch(() => ({ message: response.statusText }));
      if (response.ok) { result.textContent = `${action}: done.`; result.className = "control-result"; render(body); }
      else { result.textContent = `${action} was not done: ${body.message}`; result.className = "control-result problem"; await load(); }
    } finally {
      busy = false;
    }
  }

  // gate.js hands back the page data a decision or step control answered, or asks for a reload after a refusal.
  document.addEventListener("execution:render", (event) => render(event.detail));
  document.addEventListener("execution:reload", () => load());

  const events = new EventSource("/ui/api/events");
  events.addEventListener("ready", () => { live.textContent = "Live: changes appear as they happen."; live.className = "live on"; load(); });
  events.addEventListener("execution", (message) => { if (JSON.parse(message.data).id === id) load(); });
  McpUi.feedTrouble(events, live);
})();
