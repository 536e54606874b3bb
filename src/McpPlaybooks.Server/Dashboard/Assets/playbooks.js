// The catalogue: each playbook with its versions and lifecycle status, its validation state and track record, and the
// files left out as invalid with their problems. Reloaded when the live feed says an execution ended.
"use strict";
(function () {
  const FINAL = new Set(["completed", "failed", "cancelled", "rolled_back"]);
  const live = document.getElementById("live");
  let timer = null;

  const { el, percent, playbookHref: link } = McpUi;
  const where = (p) => (p.line ? `line ${p.line}:${p.column}` : "(no line)");

  function row(p) {
    const versions = el("span", { class: "versions" }, ...p.versions.flatMap((v, i) => [
      i ? ", " : null, el("a", { href: link(p.id, v.version) }, v.version), v.status !== "active" ? ` (${v.status})` : null]));
    const validation = p.invalid_files > 0
      ? el("span", { class: "validity invalid" }, `valid; ${p.invalid_files} other file${p.invalid_files === 1 ? "" : "s"} invalid`)
      : el("span", { class: "validity" }, p.warnings > 0 ? `valid, ${p.warnings} warning${p.warnings === 1 ? "" : "s"}` : "valid");
    const record = p.runs > 0 ? `${p.runs} run${p.runs === 1 ? "" : "s"}, ${percent(p.success_rate)} succeeded` : "never run";
    const cells = [
      ["Playbook", el("span", {}, el("a", { class: "id", href: link(p.id) }, p.id), el("br"), el("span", { class: "version" }, p.name))],
      ["Versions", versions],
      ["Status", el("span", { class: "badge badge-life-" + p.status }, p.status)],
      ["Description", p.description || ""],
      ["Validation", validation],
      ["Track record", record],
    ];
    return el("tr", { "data-id": p.id }, ...cells.map(([name, value]) => el("td", { "data-label": name }, value)));
  }

  function invalid(file) {
    const title = file.playbook_id
      ? el("a", { href: link(file.playbook_id) }, file.playbook_id)
      : el("span", {}, "(no id)");
    const problems = el("ul", {}, ...file.problems.map((p) => el("li", { class: "problem-item" },
      el("strong", {}, `${p.severity} ${p.code}`), ` ${where(p)}: ${p.message}`, p.fix ? ` Fix: ${p.fix}` : null)));
    return el("li", { "data-path": file.path }, title, " ", el("code", {}, file.path), problems);
  }

  async function load() {
    const response = await fetch("/ui/api/playbooks", { credentials: "same-origin" });
    const body = await response.json();
    if (!response.ok) { live.textContent = body.message; live.className = "live problem"; return; }
    document.getElementById("playbooks").replaceChildren(...body.playbooks.map(row));
    document.getElementById("empty").hidden = body.playbooks.length > 0;
    document.getElementById("invalid").replaceChildren(...body.invalid.map(invalid));
    document.getElementById("invalid-section").hidden = body.invalid.length === 0;
  }

  const events = new EventSource("/ui/api/events");
  events.addEventListener("ready", () => { live.textContent = "Live: track records update as executions end."; live.className = "live on"; load(); });
  events.addEventListener("execution", (message) => {
    if (!FINAL.has(JSON.parse(message.data).status) || timer) return;
    timer = setTimeout(() => { timer = null; load(); }, 3000);
  });
  McpUi.feedTrouble(events, live);
})();
