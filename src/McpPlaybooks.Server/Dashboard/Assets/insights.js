// The learning memory's view: per playbook, the success rate (bars) and p50/p95 wall time (lines) by UTC day as SVG
// charts with their numbers in a table beside them; then error categories, flaky steps, breakers, recommendations and
// error patterns. Reloaded on demand, and at most every 5 seconds when the live feed says an execution ended.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const FINAL = new Set(["completed", "failed", "cancelled", "rolled_back"]);
  const DAY = 86400000;
  const CW = 340, CH = 130, PL = 44, PR = 8, PT = 8, PB = 20;
  const live = document.getElementById("live");
  const daysSelect = document.getElementById("days");
  let timer = null;
  let last = 0;

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  const { el, percent, duration } = McpUi;
  const day = (text) => text.slice(0, 10);
  const when = (text) => (text ? new Date(text).toLocaleString() : "");
  const playbookLink = (id) => el("a", { href: McpUi.playbookHref(id) }, id);
  function rows(tbody, empty, items, cells) {
    document.getElementById(tbody).replaceChildren(...items.map((item) => {
      const tr = el("tr");
      for (const [name, value] of cells(item)) tr.append(el("td", { "data-label": name }, value));
      return tr;
    }));
    document.getElementById(empty).hidden = items.length > 0;
    document.getElementById(tbody).closest("table").hidden = items.length === 0;
  }

  // The frame of a chart: the plot area, y labels, the first and last day under the x axis.
  function frame(label, data, yLabels) {
    const chart = svg("svg", { viewBox: `0 0 ${CW} ${CH}`, width: CW, height: CH, class: "chart", role: "img", "aria-label": label });
    chart.append(svg("rect", { x: PL, y: PT, width: CW - PL - PR, height: CH - PT - PB, class: "plot" }));
    for (const [value, text] of yLabels) {
      chart.append(svg("line", { x1: PL, x2: CW - PR, y1: value, y2: value, class: "grid" }));
      chart.append(svg("text", { x: PL - 4, y: value + 4, class: "axis", "text-anchor": "end" }, text));
    }
    chart.append(svg("text", { x: PL, y: CH - 5, class: "axis" }, day(data.since).slice(5)));
    chart.append(svg("text", { x: CW - PR, y: CH - 5, class: "axis", "text-anchor": "end" }, day(data.today).slice(5)));
    return chart;
  }
  const slot = (data) => (CW - PL - PR) / data.days;
  const xOf = (data, point) => PL + ((new Date(point.day) - new Date(data.since)) / DAY) * slot(data);

  function rateChart(data, trend) {
    const h = CH - PT - PB;
    const chart = frame(`Success rate by day for ${trend.playbook_id}: ${trend.points.length} days with runs; see the table`, data,
      [[PT, "100%"], [PT + h / 2, "50%"], [PT + h, "0%"]]);
    const w = Math.max(2, slot(data) - 2);
    for (const p of trend.points) {
      const rate = p.success_rate;
      const height = rate === null || rate === undefined ? 2 : Math.max(2, rate * h);
      const kind = rate === null || rate === undefined ? "none" : rate >= 0.9 ? "good" : rate >= 0.5 ? "fair" : "poor";
      const bar = svg("rect", { x: xOf(data, p) + 1, y: PT + h - height, width: w, height, class: "bar " + kind, "data-day": day(p.day) });
      bar.append(svg("title", {}, `${day(p.day)}: ${p.runs} run${p.runs === 1 ? "" : "s"}, ${percent(rate)} succeeded`));
      chart.append(bar);
    }
    return chart;
  }

  function durationChart(data, trend) {
    const h = CH - PT - PB;
    const max = Math.max(1, ...trend.points.map((p) => p.p95_ms || 0));
    const chart = frame(`p50 and p95 duration by day for ${trend.playbook_id}, up to ${duration(max)}; see the table`, data,
      [[PT, duration(max)], [PT + h, "0"]]);
    const yOf = (ms) => PT + h - (ms / max) * h;
    const half = slot(data) / 2;
    for (const [field, kind] of [["p95_ms", "p95"], ["p50_ms", "p50"]]) {
      const points = trend.points.filter((p) => p[field] !== null && p[field] !== undefined);
      if (points.length > 1) chart.append(svg("polyline", { class: "line " + kind, points: points.map((p) => `${xOf(data, p) + half},${yOf(p[field])}`).join(" ") }));
      for (const p of points) {
        const dot = svg("circle", { cx: xOf(data, p) + half, cy: yOf(p[field]), r: 3, class: "dot " + kind });
        dot.append(svg("title", {}, `${day(p.day)}: ${kind} ${duration(p[field])}`));
        chart.append(dot);
      }
    }
    return chart;
  }

  function trendCard(data, t) {
    const totals = el("p", { class: "totals" },
      el("span", { "data-field": "runs" }, `${t.runs} run${t.runs === 1 ? "" : "s"}`), " · success ",
      el("span", { "data-field": "success-rate" }, percent(t.success_rate)), " · p50 ",
      el("span", { "data-field": "p50" }, duration(t.p50_ms)), " · p95 ",
      el("span", { "data-field": "p95" }, duration(t.p95_ms)),
      t.error_categories.length ? ` · errors: ${t.error_categories.map((c) => `${c.category} ${c.count}`).join(", ")}` : null);
    const table = el("table", { class: "data compact" },
      el("caption", {}, `${t.playbook_id} by day`),
      el("thead", {}, el("tr", {}, ...["Day", "Runs", "Completed", "Failed", "Success rate", "p50", "p95"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...t.points.map((p) => el("tr", { "data-day": day(p.day) }, ...[
        ["Day", day(p.day)], ["Runs", String(p.runs)], ["Completed", String(p.completed)], ["Failed", String(p.failed)],
        ["Success rate", percent(p.success_rate)], ["p50", duration(p.p50_ms)], ["p95", duration(p.p95_ms)],
      ].map(([name, value]) => el("td", { "data-label": name }, value))))));
    const legend = el("p", { class: "legend" }, el("span", { class: "key p50" }, "p50 (solid)"), " ", el("span", { class: "key p95" }, "p95 (dashed)"));
    return el("article", { class: "trend", "data-playbook": t.playbook_id },
      el("h3", {}, playbookLink(t.playbook_id)), totals,
      el("div", { class: "charts" },
        el("figure", {}, rateChart(data, t), el("figcaption", {}, "Success rate by day")),
        el("figure", {}, durationChart(data, t), el("figcaption", {}, "Duration by day "), legend)),
      el("details", {}, el("summary", {}, "The numbers as a table"), table));
  }

  function render(data) {
    document.getElementById("memory-off").hidden = data.learning_memory;
    document.getElementById("trends").replaceChildren(...data.playbooks.map((t) => trendCard(data, t)));
    document.getElementById("no-runs").hidden = data.playbooks.length > 0;
    const byCategory = new Map();
    for (const t of data.playbooks) for (const c of t.error_categories) byCategory.set(c.category, [...(byCategory.get(c.category) || []), `${t.playbook_id} ${c.count}`]);
    rows("categories", "no-categories", data.error_categories, (c) => [["Category", c.category], ["Failed attempts", String(c.count)], ["By playbook", (byCategory.get(c.category) || []).join(", ")]]);
    rows("flaky", "no-flaky", data.flaky_steps, (f) => [["Playbook", playbookLink(f.playbook_id)], ["Step", f.step_id], ["Runs", String(f.runs)], ["Flaky runs", String(f.flaky_runs)], ["Rate", percent(f.rate)]]);
    rows("breakers", "no-breakers", data.open_breakers, (b) => [["Target", el("code", {}, b.target)], ["State now", b.state.replace(/_/g, " ")], ["Open until", when(b.open_until)], ["Failures", String(b.failures)]]);
    rows("refused", "no-refused", data.refused_targets, (t) => [["Target", el("code", {}, t.target)], ["Attempts", String(t.attempts)], ["Failures", String(t.failures)], ["Calls refused", String(t.refusals)], ["Last refused", when(t.last_refused_at)]]);
    document.getElementById("recommendations").replaceChildren(...data.recommendations.map((r) => el("li", { "data-kind": r.kind },
      el("strong", {}, r.playbook_id + (r.step_id ? " / " + r.step_id : "")), ": ", r.text)));
    document.getElementById("no-recommendations").hidden = data.recommendations.length > 0;
    rows("patterns", "no-patterns", data.error_patterns, (p) => [["Playbook", playbookLink(p.playbook_id)], ["Step", p.step_id], ["Category", p.category || ""], ["Pattern", el("code", {}, p.pattern)], ["Count", String(p.count)], ["Last seen", when(p.last_seen)]]);
  }

  async function load() {
    last = Date.now();
    const response = await fetch(`/ui/api/insights?days=${encodeURIComponent(daysSelect.value)}`, { credentials: "same-origin" });
    const body = await response.json();
    if (!response.ok) { live.textContent = body.message; live.className = "live problem"; return; }
    render(body);
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded || 0) + 1);
  }

  // At most one reload every 5 seconds, however many executions end.
  function soon() {
    if (timer) return;
    timer = setTimeout(() => { timer = null; load(); }, Math.max(0, 5000 - (Date.now() - last)));
  }

  document.getElementById("refresh").addEventListener("click", load);
  daysSelect.addEventListener("change", load);
  const events = new EventSource("/ui/api/events");
  events.addEventListener("ready", () => { live.textContent = "Live: figures reload (at most every 5 seconds) as executions end."; live.className = "live on"; load(); });
  events.addEventListener("execution", (message) => { if (FINAL.has(JSON.parse(message.data).status)) soon(); });
  McpUi.feedTrouble(events, live);
})();
