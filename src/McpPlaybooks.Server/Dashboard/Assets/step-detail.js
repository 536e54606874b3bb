// One step's details, opened from its node in the graph (click, Enter or Space), its row in the table, or its row in the
// timeline: status, error with its category, attempts, a loop's iterations, and its output. The output is data: it is
// written with textContent into a <pre>, never parsed as HTML. Bounded and masked by the server as get_execution is.
"use strict";
(function () {
  const section = document.getElementById("step-detail");
  if (!section) return;
  const id = document.getElementById("execution-id").dataset.id;
  const body = document.getElementById("step-detail-body");
  const title = document.getElementById("step-detail-title");
  let selected = null, busy = false, again = false;

  const words = (status) => String(status).replace(/_/g, " ");
  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function time(text) {
    if (!text) return "";
    const d = new Date(text);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, "0")}`;
  }
  function took(from, to) {
    if (!from || !to) return "";
    const ms = Date.parse(to) - Date.parse(from);
    return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
  }
  function error(e) {
    const p = el("p", { class: "step-error" });
    p.append(el("span", { class: "category" }, e.category), " ", el("span", { class: "message" }, e.message));
    return p;
  }
  function table(caption, headers, rows) {
    const t = el("table", { class: "steps detail-table" });
    t.append(el("caption", {}, caption));
    const head = el("tr");
    headers.forEach((h) => head.append(el("th", { scope: "col" }, h)));
    t.append(el("thead"), el("tbody"));
    t.tHead.append(head);
    for (const cells of rows) {
      const tr = el("tr");
      cells.forEach((c, i) => { const td = el("td", { "data-label": headers[i] }); td.append(c); tr.append(td); });
      t.tBodies[0].append(tr);
    }
    return t;
  }

  function render(s) {
    title.textContent = `Step ${s.id}`;
    const parts = [];
    const facts = el("dl", { class: "facts" });
    const badge = el("span", { class: "badge badge-" + s.status }, words(s.status));
    for (const [k, v] of [["Status", badge], ["Action", s.action || ""], ["Started", time(s.started_at)], ["Ended", time(s.ended_at)], ["Took", took(s.started_at, s.ended_at)]]) {
      if (!v) continue;
      const dd = el("dd");
      dd.append(v);
      facts.append(el("dt", {}, k), dd);
    }
    if (s.iteration_counts) facts.append(el("dt", {}, "Iterations"), el("dd", { class: "iteration-counts" }, s.iteration_counts.label));
    parts.push(facts);
    if (s.error) parts.push(el("h3", {}, "Error"), error(s.error));
    if (s.iterations.length) {
      parts.push(table(`Iterations (${s.iterations.length})`, ["#", "Status", "Attempts", "Took", "Error"], s.iterations.map((i) => [
        String(i.index), el("span", { class: "badge badge-" + i.status }, words(i.status)), String(i.attempts), took(i.started_at, i.ended_at),
        i.error ? error(i.error) : ""])));
    }
    if (s.attempts.length) {
      parts.push(table(`Attempts (${s.attempts.length})`, ["Attempt", "Kind", "Status", "Started", "Took", "Error"], s.attempts.map((a) => [
        String(a.attempt) + (a.iteration != null ? ` [${a.iteration}]` : ""), a.kind, el("span", { class: "badge badge-" + a.status }, words(a.status)),
        time(a.started_at), took(a.started_at, a.ended_at),
        a.error_message ? error({ category: a.error_category || "unknown", message: a.error_message }) : ""])));
    }
    parts.push(el("h3", {}, "Output"));
    if (s.output === undefined || s.output === null) {
      parts.push(el("p", { class: "empty" }, s.status === "pending" || s.status === "running" ? "No output yet." : "No output."));
    } else {
      // Data, not markup: textContent only. Long texts arrive cut by the server, which says what it left out. An object's
      // fields come one by one, so that a text (a shell step's stdout) reads as its lines rather than as an escaped string.
      const pre = (value, name) => el("pre", { class: "output", tabindex: "0", "aria-label": name },
        typeof value === "string" ? value : JSON.stringify(value, null, 2));
      if (typeof s.output === "object" && !Array.isArray(s.output) && Object.keys(s.output).length) {
        const fields = el("dl", { class: "output-fields" });
        for (const [k, v] of Object.entries(s.output)) {
          const dd = el("dd");
          dd.append(pre(v, `${s.id} output: ${k}`));
          fields.append(el("dt", {}, k), dd);
        }
        parts.push(fields);
      } else {
        parts.push(pre(s.output, `Output of ${s.id}`));
      }
    }
    body.replaceChildren(...parts);
  }

  async function load(focus) {
    if (!selected) return;
    if (busy) { again = true; return; }
    busy = true;
    try {
      const step = selected;
      const response = await fetch(`/ui/api/executions/${encodeURIComponent(id)}/steps/${encodeURIComponent(step)}`, { credentials: "same-origin" });
      const answer = await response.json().catch(() => ({ message: response.statusText }));
      if (step !== selected) return;
      if (response.ok) render(answer);
      else body.replaceChildren(el("p", { class: "problem" }, answer.message));
      section.hidden = false;
      section.dataset.step = step;
      if (focus) { title.focus(); section.scrollIntoView({ block: "nearest" }); }
    } catch (e) {
      // The next change reloads it.
    } finally {
      busy = false;
      if (again) { again = false; load(false); }
    }
  }

  function open(step, focus) {
    if (!step) return;
    selected = step;
    if (history.replaceState) history.replaceState(null, "", "#step=" + encodeURIComponent(step));
    load(focus);
  }

  const graph = document.getElementById("graph");
  graph.addEventListener("click", (e) => open(e.target.closest("g.node")?.dataset.step, true));
  graph.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    const node = e.target.closest("g.node");
    if (node) { e.preventDefault(); open(node.dataset.step, true); }
  });
  document.getElementById("steps").addEventListener("click", (e) => open(e.target.closest("tr[data-step]")?.dataset.step, true));
  document.addEventListener("execution:select-step", (e) => open(e.detail.step, e.detail.focus));
  document.getElementById("step-detail-close").addEventListener("click", () => {
    selected = null;
    section.hidden = true;
    delete section.dataset.step;
    if (history.replaceState) history.replaceState(null, "", location.pathname + location.search);
  });
  document.addEventListener("execution:rendered", () => {
    if (selected) load(false);
    else if (location.hash.startsWith("#step=")) open(decodeURIComponent(location.hash.slice(6)), false);
  });
})();
