// One execution: its facts, its steps as a graph (SVG: a node per step coloured by state with its status in words, an
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
  const SVG = "http://www.w3.org/2000/svg";
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
    const node = document.createElementNS(tag.startsWith("svg:") ? SVG : "http://www.w3.org/1999/xhtml", tag.replace("svg:", ""));
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function facts(e) {
    const dl = document.getElementById("facts");
    const badge = el("span", { class: "badge badge-" + e.status }, label(e.status) + (e.dry_run ? " (dry run)" : ""));
    const rows = [["Status", badge], ["Playbook", `${e.playbook_id} ${e.playbook_version}`], ["Started by", e.started_by],
      ["Started", time(e.started_at || e.created_at)], ["Ended", time(e.ended_at)]];
    if (e.error) rows.push(["Error", e.error]);
    dl.replaceChildren(...rows.flatMap(([k, v]) => { const dd = el("dd"); dd.append(v); return [el("dt", {}, k), dd]; }));
    document.title = `${e.playbook_id} ${label(e.status)} · mcp-playbooks`;
  }

  function layers(steps) {
    const byId = new Map(steps.map((s) => [s.id, s]));
    const depth = new Map();
    const visit = (s, seen) => {
      if (depth.has(s.id)) return depth.get(s.id);
      if (seen.has(s.id)) return 0;
      seen.add(s.id);
      const d = Math.max(-1, ...s.needs.filter((n) => byId.has(n)).map((n) => visit(byId.get(n), seen))) + 1;
      depth.set(s.id, d);
      return d;
    };
    steps.forEach((s) => visit(s, new Set()));
    return depth;
  }

  function graph(steps) {
    const W = 170, H = steps.some((s) => s.iterations) ? 64 : 48, GX = 60, GY = 22, M = 10;
    const depth = layers(steps);
    const rows = new Map();
    const at = new Map();
    for (const s of steps) {
      const d = depth.get(s.id) || 0;
      const r = rows.get(d) || 0;
      rows.set(d, r + 1);
      at.set(s.id, { x: M + d * (W + GX), y: M + r * (H + GY) });
    }
    const width = M * 2 + (Math.max(0, ...depth.values()) + 1) * (W + GX) - GX;
    const height = M * 2 + Math.max(1, ...rows.values()) * (H + GY) - GY;
    const svg = el("svg:svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "group", "aria-label": `Step graph: ${steps.length} steps` });
    const defs = el("svg:defs");
    const marker = el("svg:marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
    marker.append(el("svg:path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }));
    defs.append(marker);
    svg.append(defs);
    for (const s of steps) {
      for (const need of s.needs) {
        const from = at.get(need), to = at.get(s.id);
        if (!from || !to) continue;
        const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2, mx = (x1 + x2) / 2;
        svg.append(el("svg:path", { class: "edge", d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`, "marker-end": "url(#arrow)", "data-from": need, "data-to": s.id }));
      }
    }
    for (const s of steps) {
      const p = at.get(s.id);
      const g = el("svg:g", { class: "node state-" + s.status, "data-step": s.id, "data-status": s.status, transform: `translate(${p.x},${p.y})`,
        tabindex: 0, role: "button", "aria-label": `${s.id}: ${label(s.status)}${s.iterations ? ", " + s.iterations.label : ""}. Show its details.` });
      g.append(el("svg:title", {}, `${s.id}: ${label(s.status)}${s.error ? " — " + s.error : ""}`));
      g.append(el("svg:rect", { width: W, height: H, rx: 6 }));
      g.append(el("svg:text", { x: 10, y: 19, class: "node-id" }, s.id.length > 22 ? s.id.slice(0, 21) + "…" : s.id));
      g.append(el("svg:text", { x: 10, y: 37, class: "node-status" }, label(s.status) + (s.attempts > 1 ? ` · ${s.attempts} attempts` : "")));
      if (s.iterations) g.append(el("svg:text", { x: 10, y: 55, class: "node-iterations" }, s.iterations.label));
      svg.append(g);
    }
    document.getElementById("graph").replaceChildren(svg);
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
    facts(detail.execution);
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
  events.addEventListener("error", () => { live.textContent = "Reconnecting…"; live.className = "live off"; });
})();
