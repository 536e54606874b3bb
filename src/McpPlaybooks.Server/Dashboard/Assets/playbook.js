// One playbook: its facts and versions, its plan as a graph (McpGraph) and a table, its track record linking to the
// executions, and its YAML with each validation problem written under the line it points at.
"use strict";
(function () {
  const FINAL = new Set(["completed", "failed", "cancelled", "rolled_back"]);
  const RUNS = { yes: "yes", if: "if its when holds", no: "no" };
  const code = document.getElementById("playbook-id");
  const id = code.dataset.id;
  const version = code.dataset.version;
  const live = document.getElementById("live");
  let timer = null;

  const { el, percent, duration, time, playbookHref } = McpUi;
  const link = (v) => playbookHref(id, v);
  function facts(target, rows) {
    target.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
  }

  function header(d) {
    document.getElementById("version").textContent = d.version || "(invalid file)";
    document.title = `${d.playbook_id} ${d.version || ""} · mcp-playbooks`;
    const versions = el("span", {}, ...d.versions.flatMap((v, i) => [i ? ", " : null,
      v.version === d.version ? el("strong", { "aria-current": "page" }, v.version) : el("a", { href: link(v.version) }, v.version),
      ` (${v.status})`]));
    const rows = [];
    if (d.name) rows.push(["Name", d.name]);
    rows.push(["Validation", d.valid ? (d.problems.length ? `valid, ${d.problems.length} warning${d.problems.length === 1 ? "" : "s"}` : "valid")
      : el("span", { class: "problem" }, `invalid: ${d.problems.length} error${d.problems.length === 1 ? "" : "s"}; left out of the catalogue`)]);
    if (d.status) rows.push(["Status", el("span", { class: "badge badge-life-" + d.status }, d.status)]);
    if (d.versions.length) rows.push(["Versions", versions]);
    if (d.description) rows.push(["Description", d.description]);
    if (d.inputs.length) rows.push(["Inputs", d.inputs.map((i) => `${i.name} (${i.type}${i.required ? ", required" : i.has_default ? ", has a default" : ""})`).join("; ")]);
    facts(document.getElementById("facts"), rows);
  }

  function plan(p) {
    const section = document.getElementById("plan-section");
    section.hidden = !p;
    if (!p) return;
    document.getElementById("plan-note").textContent = p.dry_run_id
      ? "What would run comes from the latest dry run of this exact version (linked below); conditions were evaluated there."
      : "From the definition: no dry run of this exact version is in the history. plan_playbook (an operator's tool) makes one with inputs.";
    if (p.dry_run_id) {
      const note = document.getElementById("plan-note");
      note.append(" ", el("a", { href: `/ui/executions/${encodeURIComponent(p.dry_run_id)}` }, "The dry run."));
    }
    document.getElementById("missing").replaceChildren(...p.missing_inputs.map((m) => el("li", { class: "problem" }, "A run without inputs would be refused: " + m)));
    const nodes = p.steps.map((s) => ({
      id: s.id, needs: s.needs, state: "plan-" + s.would_run,
      lines: [s.action + (s.gate ? " · gate" : "") + (s.foreach ? " · foreach" : "") + (s.would_run === "yes" ? "" : " · " + (s.would_run === "if" ? "if" : "skipped"))],
      title: `${s.id}: ${s.action}; would run: ${RUNS[s.would_run]}${s.condition ? " (" + s.condition + ")" : ""}${s.gate ? "; " + s.gate : ""}`,
    }));
    McpGraph.draw(document.getElementById("graph"), nodes, `Plan: ${nodes.length} steps`);
    document.getElementById("plan").replaceChildren(...p.steps.map((s) => {
      const runs = RUNS[s.would_run] + (s.condition ? ` (${s.condition})` : "");
      const does = el("span", {}, ...s.description.flatMap((t, i) => [i ? el("br") : null, t]),
        ...s.would_fail.map((f) => el("span", { class: "problem" }, el("br"), "Would fail: " + f)),
        s.foreach ? el("span", { class: "hint" }, el("br"), "foreach: " + s.foreach) : null);
      const cells = [["Step", el("code", {}, s.id)], ["Action", s.action], ["Needs", s.needs.join(", ")], ["Would run", runs],
        ["Gate", s.gate || ""], ["What it would do", does]];
      return el("tr", { "data-step": s.id }, ...cells.map(([name, value]) => el("td", { "data-label": name }, value)));
    }));
    const fin = document.getElementById("finally");
    fin.hidden = p.finally.length === 0;
    fin.textContent = "Finally, whatever happens: " + p.finally.join("; ");
  }

  function record(r) {
    facts(document.getElementById("record"), [
      ["Finished runs", String(r.runs)], ["Completed", String(r.completed)], ["Failed", String(r.failed + r.rolled_back)],
      ["Cancelled", String(r.cancelled)], ["Rejected at a gate", String(r.rejected)], ["Refused by a breaker", String(r.breaker_refused)],
      ["Success rate", percent(r.success_rate)], ["Duration p50", duration(r.p50_ms)], ["Duration p95", duration(r.p95_ms)],
    ]);
    document.getElementById("no-runs").hidden = r.recent.length > 0;
    document.getElementById("recent").closest("table").hidden = r.recent.length === 0;
    document.getElementById("recent").replaceChildren(...r.recent.map((e) => {
      const started = e.started_at || e.created_at;
      const ms = e.ended_at ? new Date(e.ended_at) - new Date(started) : null;
      const cells = [
        ["Status", el("span", { class: "badge badge-" + e.status }, e.status.replace(/_/g, " ") + (e.dry_run ? " (dry run)" : ""))],
        ["Execution", el("a", { class: "id", href: `/ui/executions/${encodeURIComponent(e.id)}` }, e.id)],
        ["Version", e.playbook_version], ["Started by", e.started_by], ["Started", time(started)], ["Duration", ms === null ? "running" : duration(ms)],
      ];
      return el("tr", { "data-id": e.id }, ...cells.map(([name, value]) => el("td", { "data-label": name }, value)));
    }));
  }

  function note(p) {
    return el("div", { class: "line-problem " + p.severity, role: "note" },
      el("strong", {}, (p.severity === "error" ? "✖ error " : "⚠ warning ") + p.code),
      ` ${p.line ? p.line + ":" + p.column : ""} ${p.message}`, p.path ? el("span", { class: "hint" }, ` (at ${p.path})`) : null,
      p.fix ? el("span", { class: "fix" }, " Fix: " + p.fix) : null);
  }

  function yaml(d) {
    document.getElementById("path").textContent = d.path;
    const byLine = new Map();
    const unplaced = [];
    for (const p of d.problems) {
      if (p.line) byLine.set(p.line, [...(byLine.get(p.line) || []), p]); else unplaced.push(p);
    }
    const lines = d.yaml.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
    const rows = [...unplaced.map(note)];
    lines.forEach((text, i) => {
      const n = i + 1;
      const problems = byLine.get(n) || [];
      rows.push(el("div", { class: "line" + (problems.length ? " has-problem " + problems[0].severity : ""), id: "L" + n },
        el("span", { class: "ln", "aria-hidden": "true" }, String(n)), el("code", {}, text || " ")));
      rows.push(...problems.map(note));
    });
    for (const [n, problems] of byLine) if (n > lines.length) rows.push(...problems.map(note));
    document.getElementById("yaml").replaceChildren(...rows);
    document.getElementById("problems").replaceChildren(...d.problems.map((p) => el("li", { class: p.severity },
      el("a", { href: p.line ? "#L" + p.line : "#yaml" }, p.line ? `Line ${p.line}` : "No line"), `: ${p.severity} ${p.code} ${p.message}`)));
  }

  function invalid(files) {
    document.getElementById("invalid-section").hidden = files.length === 0;
    document.getElementById("invalid").replaceChildren(...files.map((f) => el("li", {}, el("code", {}, f.path),
      el("ul", {}, ...f.problems.map((p) => el("li", {}, `${p.severity} ${p.code} ${p.line ? "line " + p.line + ":" + p.column : ""}: ${p.message}`))))));
  }

  async function load() {
    const query = version ? `?version=${encodeURIComponent(version)}` : "";
    const response = await fetch(`/ui/api/playbooks/${encodeURIComponent(id)}${query}`, { credentials: "same-origin" });
    const body = await response.json();
    if (!response.ok) { live.textContent = body.message; live.className = "live problem"; return; }
    header(body);
    plan(body.plan);
    record(body.record);
    yaml(body);
    invalid(body.invalid_files);
  }

  const events = new EventSource("/ui/api/events");
  events.addEventListener("ready", () => { live.textContent = "Live: the track record updates as executions change."; live.className = "live on"; load(); });
  events.addEventListener("execution", (message) => {
    const e = JSON.parse(message.data);
    if (e.playbook_id !== id || timer) return;
    timer = setTimeout(() => { timer = null; load(); }, FINAL.has(e.status) ? 1000 : 3000);
  });
  McpUi.feedTrouble(events, live);
})();
