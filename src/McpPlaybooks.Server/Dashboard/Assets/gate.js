// The execution page's gate panel and step controls. Draws from the page data that execution.js loads (the
// "execution:rendered" event), so it follows the live feed too: a gate that opens, gets a decision or closes elsewhere
// shows here at once. Approve / Reject (approvers) and Retry / Skip (operators) each ask for confirmation first, then
// post with the page's CSRF token; the answer (the page data) is handed back to execution.js to draw.
"use strict";
(function () {
  const id = document.getElementById("execution-id").dataset.id;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const gatesSection = document.getElementById("gates");
  const stepsSection = document.getElementById("step-controls");
  const STEP_LABELS = { retry_step: "Retry step", skip_step: "Skip step" };
  let busy = false;
  let drawn = "";
  let result = { text: "", problem: false };

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const stepName = (step) => (step === "_start" ? "the start gate" : `step '${step}'`);

  function facts(sheet) {
    const dl = el("dl", { class: "facts" });
    for (const fact of sheet.facts) dl.append(el("dt", {}, fact.name), el("dd", {}, fact.value));
    return dl;
  }

  function plan(sheet, gateId) {
    const part = el("div", { class: "gate-plan" });
    part.append(el("h4", { id: gateId + "-plan" }, "What it will do"));
    const p = sheet.plan;
    if (!p) {
      part.append(el("p", { class: "hint" }, "The step's arguments are shown by the process that runs the execution; this one does not hold it now."));
      return part;
    }
    const line = el("p", {}, "Action ");
    line.append(el("code", {}, p.action), (p.iterations != null ? `, ${p.iterations} iteration(s)` : "") + ".");
    part.append(line);
    if (p.description.length > 0) {
      const ul = el("ul");
      for (const d of p.description) ul.append(el("li", {}, d));
      part.append(ul);
    }
    if (p.arguments) part.append(el("p", {}, "Arguments (secrets masked):"), el("pre", { class: "gate-arguments" }, p.arguments));
    return part;
  }

  function decisions(sheet) {
    const part = el("div", { class: "gate-decisions" });
    part.append(el("h4", {}, "Decisions so far"));
    if (sheet.decisions.length === 0) {
      part.append(el("p", { class: "hint" }, "None yet."));
      return part;
    }
    const table = el("table", { class: "decisions" });
    const head = el("tr");
    for (const h of ["When", "Decision", "Who", "Channel", "Verified", "Comment"]) head.append(el("th", { scope: "col" }, h));
    table.append(el("thead"), el("tbody"));
    table.tHead.append(head);
    for (const d of sheet.decisions) {
      const tr = el("tr");
      const cells = [["When", d.at], ["Decision", d.decision], ["Who", d.who], ["Channel", d.channel], ["Verified", d.verified ? "yes" : "no"], ["Comment", d.comment || ""]];
      for (const [name, value] of cells) tr.append(el("td", { "data-label": name }, value));
      table.tBodies[0].append(tr);
    }
    part.append(table);
    return part;
  }

  // A gate of a child execution (a playbook step's) is decided here as on the child's page: its own id goes with it.
  const ofExecution = (gate) => gate.execution_id || id;
  const draftKey = (execution, step, opened) => `${execution}|${step}|${opened}`;

  function gatePanel(gate, note, drafts) {
    const child = gate.execution_id;
    const key = child ? `gate-${child}-${gate.step_id}` : `gate-${gate.step_id}`;
    const article = el("article", { class: "gate", "data-step": gate.step_id, "data-gate": gate.gate, "data-execution": ofExecution(gate), "aria-labelledby": key + "-title" });
    const title = el("h3", { id: key + "-title" }, "Approve ");
    const link = (execution) => el("a", { href: "/ui/executions/" + encodeURIComponent(execution) }, execution);
    const start = gate.step_id === "_start";
    if (!child) {
      title.append(start ? "the start of this execution" : el("code", {}, gate.step_id));
    } else {
      title.append(...(start ? ["the start of "] : [el("code", {}, gate.step_id), " in "]));
      // A grandchild's gate (or deeper) says through which execution it comes under this one.
      if (gate.started_by) title.append("execution ", link(child), ", started by ", link(gate.started_by));
      else title.append("child execution ", link(child));
    }
    title.append("?");
    article.append(title, el("p", { class: "gate-message" }, gate.sheet.message));
    // The author's text when values were rendered into the message: what {{ }} put there is data, never an instruction.
    if (gate.sheet.message_template) {
      const template = el("p", { class: "gate-template" }, "The playbook's words, before values were put in (what {{ }} filled in comes from inputs and step outputs: data, not instructions): ");
      template.append(el("code", {}, gate.sheet.message_template));
      article.append(template);
    }
    article.append(facts(gate.sheet), plan(gate.sheet, key), decisions(gate.sheet));
    if (gate.may_decide) {
      const comment = el("textarea", { id: key + "-comment", name: "comment", maxlength: "1000", rows: "2" });
      comment.value = drafts.get(draftKey(ofExecution(gate), gate.step_id, gate.gate)) || "";
      const buttons = el("div", { class: "buttons" });
      const approve = el("button", { type: "button", class: "approve", "data-decision": "approve" }, "Approve");
      const reject = el("button", { type: "button", class: "danger reject", "data-decision": "reject" }, "Reject");
      approve.addEventListener("click", () => decide(gate, "approve", comment.value));
      reject.addEventListener("click", () => decide(gate, "reject", comment.value));
      buttons.append(approve, reject);
      article.append(el("label", { for: key + "-comment" }, "Comment (optional)"), comment, buttons);
    } else if (gate.refusal) {
      article.append(el("p", { class: "refused" }, `You cannot decide this gate: ${gate.refusal}`));
    } else if (note) {
      article.append(el("p", { class: "refused" }, note));
    }
    return article;
  }

  function drawGates(actions) {
    // A comment being typed survives a redraw (the same gate, still open), and so does the focus.
    const drafts = new Map();
    for (const area of gatesSection.querySelectorAll("article.gate")) {
      const text = area.querySelector("textarea");
      if (text && text.value) drafts.set(draftKey(area.dataset.execution, area.dataset.step, area.dataset.gate), text.value);
    }
    const focused = document.activeElement && gatesSection.contains(document.activeElement) ? document.activeElement.id : null;
    const heading = el("h2", { id: "gates-title" }, actions.gates.length === 1 ? "Waiting for approval" : `Waiting for approval (${actions.gates.length} gates)`);
    const message = el("p", { id: "gate-result", class: "control-result" + (result.problem ? " problem" : ""), role: "alert" }, result.text);
    gatesSection.replaceChildren(heading, message, ...actions.gates.map((gate) => gatePanel(gate, actions.decide_note, drafts)));
    gatesSection.hidden = actions.gates.length === 0 && !result.text;
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  }

  function drawStepControls(actions) {
    const heading = el("h2", { id: "step-controls-title" }, "Step controls");
    const list = el("ul", { class: "step-control-list" });
    for (const step of actions.step_controls) {
      const li = el("li", { "data-step": step.step_id });
      const label = el("span", {}, "Step ");
      label.append(el("code", {}, step.step_id), ` is ${step.status.replace(/_/g, " ")}.`);
      li.append(label);
      for (const action of step.actions) {
        const button = el("button", { type: "button", "data-action": action, class: action === "skip_step" ? "secondary" : "" }, STEP_LABELS[action] || action);
        button.addEventListener("click", () => control(step, action));
        li.append(button);
      }
      list.append(li);
    }
    stepsSection.replaceChildren(heading, list);
    stepsSection.hidden = actions.step_controls.length === 0;
  }

  function draw(detail) {
    const actions = detail.actions || { gates: [], step_controls: [] };
    const key = JSON.stringify(actions) + "|" + result.text;
    if (key === drawn) return; // nothing changed: keep what the person is typing, and the focus
    drawn = key;
    drawGates(actions);
    drawStepControls(actions);
  }

  function say(text, problem) {
    result = { text, problem };
    const line = document.getElementById("gate-result");
    if (line) { line.textContent = text; line.className = "control-result" + (problem ? " problem" : ""); }
    gatesSection.hidden = gatesSection.querySelectorAll("article.gate").length === 0 && !text;
  }

  async function post(path, fields) {
    const response = await fetch(path, {
      method: "POST", credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    const body = await response.json().catch(() => ({ message: response.statusText }));
    return { ok: response.ok, body };
  }

  async function decide(gate, decision, comment) {
    const verb = decision === "approve" ? "Approve" : "Reject";
    const consequence = decision === "approve"
      ? "The execution goes on once the gate has all the approvals it needs."
      : "The step fails and the execution's on_failure applies.";
    const of = !gate.execution_id ? ""
      : gate.started_by ? ` of execution ${gate.execution_id}, started by ${gate.started_by}` : ` of child execution ${gate.execution_id}`;
    if (busy || !window.confirm(`${verb} ${stepName(gate.step_id)}${of}? ${consequence}`)) return;
    busy = true;
    try {
      const path = `/ui/api/executions/${encodeURIComponent(ofExecution(gate))}/steps/${encodeURIComponent(gate.step_id)}/decision`;
      const { ok, body } = await post(path, { decision, comment, gate: gate.gate });
      if (ok) {
        say(`${decision === "approve" ? "Approved" : "Rejected"} ${stepName(gate.step_id)}${of} (channel dashboard).`, false);
        // The answer is the decided execution's page data: this page's own only when the gate was its own.
        document.dispatchEvent(gate.execution_id ? new CustomEvent("execution:reload") : new CustomEvent("execution:render", { detail: body }));
      } else {
        say(`${verb} was not recorded: ${body.message}`, true);
        document.dispatchEvent(new CustomEvent("execution:reload"));
      }
    } finally {
      busy = false;
    }
  }

  async function control(step, action) {
    const question = action === "retry_step"
      ? `Retry step '${step.step_id}'? It runs again; the steps after it follow.`
      : `Skip step '${step.step_id}'? It is marked skipped and the steps after it run without its output.`;
    if (busy || !window.confirm(question)) return;
    busy = true;
    try {
      const path = `/ui/api/executions/${encodeURIComponent(id)}/steps/${encodeURIComponent(step.step_id)}/control`;
      const { ok, body } = await post(path, { action });
      const shown = document.getElementById("control-result");
      if (shown) {
        shown.textContent = ok ? `${STEP_LABELS[action]} '${step.step_id}': done.` : `${STEP_LABELS[action]} was not done: ${body.message}`;
        shown.className = "control-result" + (ok ? "" : " problem");
        document.getElementById("controls").hidden = false;
      }
      document.dispatchEvent(ok ? new CustomEvent("execution:render", { detail: body }) : new CustomEvent("execution:reload"));
    } finally {
      busy = false;
    }
  }

  document.addEventListener("execution:rendered", (event) => draw(event.detail));
})();
