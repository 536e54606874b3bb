// The execution's timeline (a Gantt of attempts): one row per step, one per attempt where a step retried (a loop's
// iterations share their step's row), bars on a shared time axis, waits (a gate, a retry's backoff, a pause) drawn apart.
// Status is written in each row, not only coloured. It reloads on each change the page hears (the "execution:rendered"
// event of execution.js); between changes, open bars grow with the clock, without asking the server.
"use strict";
(function () {
  const root = document.getElementById("timeline");
  if (!root) return;
  const id = document.getElementById("execution-id").dataset.id;
  const WORDS = {
    running: "running", completed: "completed", failed: "failed", cancelled: "cancelled", interrupted: "interrupted",
    pending: "pending", skipped: "skipped", not_run: "not run", waiting_approval: "waiting for approval", paused: "paused",
    rolling_back: "rolling back", rolled_back: "rolled back",
  };
  const WAITS = { approval: "waiting for approval", backoff: "backoff", paused: "paused" };
  const STEPS = [100, 250, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 216e5, 432e5, 864e5];
  let detail = null, data = null, fetchedAt = 0, busy = false, again = false, ticking = null;

  const words = (status) => WORDS[status] || String(status).replace(/_/g, " ");
  const ms = (text) => (text ? Date.parse(text) : NaN);
  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) if (v !== undefined && v !== null) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function span(ms) {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60e3) return `${(ms / 1000).toFixed(ms < 10e3 ? 1 : 0)} s`;
    if (ms < 36e5) return `${Math.floor(ms / 60e3)} min ${Math.round((ms % 60e3) / 1000)} s`;
    return `${Math.floor(ms / 36e5)} h ${Math.round((ms % 36e5) / 60e3)} min`;
  }
  const tick = (ms) => (ms < 1000 ? `+${ms} ms` : ms < 60e3 ? `+${ms / 1000} s` : ms < 36e5 ? `+${ms / 60e3} min` : `+${ms / 36e5} h`);

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const response = await fetch(`/ui/api/executions/${encodeURIComponent(id)}/timeline`, { credentials: "same-origin" });
      if (response.ok) { data = await response.json(); fetchedAt = performance.now(); draw(); }
    } catch (e) {
      // The feed reconnects and the page reloads; the next change redraws.
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  // The rows: [{ key, step, label, status, bars: [{ from, to, kind, status, title }] }]
  function rows(now) {
    const out = [];
    const open = (t) => (Number.isNaN(t) ? now : t);
    const attemptBar = (a) => ({ from: ms(a.started_at), to: open(ms(a.ended_at)), kind: "attempt", status: a.status, step: a.step_id,
      title: `${a.step_id}${a.iteration != null ? ` [${a.iteration}]` : ""} attempt ${a.attempt}: ${words(a.status)}${a.error_category ? ` (${a.error_category})` : ""}` });
    const waitBar = (w) => ({ from: ms(w.started_at), to: open(ms(w.ended_at)), kind: "wait-" + w.kind, status: w.kind, step: w.step_id,
      title: `${WAITS[w.kind] || w.kind}${w.ended_at ? "" : " (now)"}` });
    const e = detail.execution;
    const execWaits = data.waits.filter((w) => !w.step_id);
    out.push({ key: "execution", label: "Execution", status: e.status, bars: [
      { from: ms(data.started_at), to: open(ms(data.ended_at)), kind: "span", status: e.status, title: `execution: ${words(e.status)}` },
      ...execWaits.map(waitBar)] });
    const known = new Set(detail.steps.map((s) => s.id));
    for (const s of detail.steps) {
      const mine = data.attempts.filter((a) => a.step_id === s.id);
      const own = mine.filter((a) => a.kind === "step");
      const waits = data.waits.filter((w) => w.step_id === s.id);
      const gates = waits.filter((w) => w.kind === "approval").map(waitBar);
      if (s.iterations) {
        out.push({ key: s.id, step: s.id, label: s.id, note: s.iterations.label, status: s.status, bars: [...gates, ...own.map(attemptBar)] });
      } else if (own.length > 1) {
        own.forEach((a, i) => out.push({ key: `${s.id}#${a.attempt}`, step: s.id, attempt: a.attempt, label: `${s.id} · attempt ${a.attempt}`, status: a.status,
          bars: [...(i === 0 ? gates : []), ...waits.filter((w) => w.kind === "backoff" && w.attempt === a.attempt).map(waitBar), attemptBar(a)] }));
        const next = own[own.length - 1].attempt + 1;
        const pending = waits.filter((w) => w.kind === "backoff" && w.attempt === next);
        if (pending.length) out.push({ key: `${s.id}#${next}`, step: s.id, attempt: next, label: `${s.id} · attempt ${next}`, status: "backoff", bars: pending.map(waitBar) });
      } else {
        const bars = [...gates, ...waits.filter((w) => w.kind === "backoff").map(waitBar)];
        if (own.length) bars.push(attemptBar(own[0]));
        else if (s.started_at && s.action !== "approval") bars.push({ from: ms(s.started_at), to: open(ms(s.ended_at)), kind: "attempt", status: s.status, step: s.id, title: `${s.id}: ${words(s.status)}` });
        out.push({ key: s.id, step: s.id, label: s.id, status: s.status, bars });
      }
      const calls = mine.filter((a) => a.kind !== "step");
      for (const a of calls) out.push({ key: `${s.id}/${a.kind}/${a.iteration}/${a.attempt}`, step: s.id, label: `${s.id} · ${a.kind}${a.iteration != null ? ` ${a.iteration + 1}` : ""}${a.attempt > 1 ? ` · attempt ${a.attempt}` : ""}`, status: a.status, bars: [attemptBar(a)] });
    }
    for (const a of data.attempts.filter((x) => !known.has(x.step_id))) {
      out.push({ key: `${a.step_id}/${a.kind}/${a.attempt}`, label: `${a.kind}: ${a.step_id}`, status: a.status, bars: [attemptBar(a)] });
    }
    return out;
  }

  function axis(t0, width) {
    const step = STEPS.find((s) => width / s <= 6) || STEPS[STEPS.length - 1];
    const scale = el("div", { class: "tl-scale", "aria-hidden": "true" });
    for (let t = 0; t <= width; t += step) {
      const mark = el("span", { class: "tl-tick" }, tick(t));
      mark.style.left = `${(t / width) * 100}%`; // through the CSSOM: the page's CSP refuses style attributes
      scale.append(mark);
    }
    return scale;
  }

  function draw() {
    if (!detail || !data) return;
    const now = ms(data.now) + (performance.now() - fetchedAt);
    const list = rows(now);
    const all = list.flatMap((r) => r.bars).filter((b) => !Number.isNaN(b.from));
    const t0 = Math.min(ms(data.started_at) || now, ...all.map((b) => b.from));
    const t1 = Math.max(t0 + 200, ...all.map((b) => b.to));
    const width = t1 - t0;
    const table = el("div", { class: "tl-grid", role: "list", "aria-label": `Timeline: ${list.length} rows over ${span(width)}` });
    const head = el("div", { class: "tl-row tl-head", "aria-hidden": "true" });
    head.append(el("span", { class: "tl-label" }, `0 = ${new Date(t0).toLocaleTimeString()}`), axis(t0, width));
    table.append(head);
    for (const r of list) {
      const row = el("div", { class: "tl-row", role: "listitem", "data-row": r.key, "data-step": r.step, "data-attempt": r.attempt, "data-status": r.status });
      const text = `${words(r.status)}${r.note ? " · " + r.note : ""}`;
      const label = r.step
        ? el("button", { type: "button", class: "tl-label", "data-step": r.step, title: `${r.label}: ${text}. Show its details.` })
        : el("span", { class: "tl-label" });
      label.append(el("span", { class: "tl-name" }, r.label), el("span", { class: "tl-status" }, text));
      if (r.step) label.addEventListener("click", () => document.dispatchEvent(new CustomEvent("execution:select-step", { detail: { step: r.step, focus: true } })));
      const track = el("div", { class: "tl-track" });
      for (const b of r.bars) {
        if (Number.isNaN(b.from)) continue;
        const left = ((b.from - t0) / width) * 100;
        const w = Math.max(((b.to - b.from) / width) * 100, 0.4);
        const bar = el("span", { class: `tl-bar tl-${b.kind === "attempt" || b.kind === "span" ? b.status : b.kind} tl-kind-${b.kind.startsWith("wait") ? "wait" : b.kind}`,
          title: `${b.title} · ${span(b.to - b.from)}`, "data-kind": b.kind.startsWith("wait") ? "wait" : b.kind,
          "data-status": b.status, "data-step": b.step });
        bar.style.left = `${left}%`;
        bar.style.width = `${w}%`;
        track.append(bar);
      }
      if (!r.bars.length) track.append(el("span", { class: "tl-empty" }, words(r.status)));
      row.append(label, track);
      table.append(row);
    }
    if (data.attempts_omitted) table.append(el("p", { class: "hint" }, `${data.attempts_omitted} more attempts are not drawn.`));
    const focused = root.contains(document.activeElement) ? document.activeElement.closest(".tl-row")?.dataset.row : null;
    root.replaceChildren(table);
    if (focused) [...root.querySelectorAll(".tl-row")].find((r) => r.dataset.row === focused)?.querySelector("button")?.focus();
    // While the execution lasts, its open bars grow with the clock (a redraw each second, no request).
    if (!data.ended_at && !ticking) ticking = setInterval(draw, 1000);
    if (data.ended_at && ticking) { clearInterval(ticking); ticking = null; }
  }

  document.addEventListener("execution:rendered", (event) => { detail = event.detail; refresh(); });
})();
