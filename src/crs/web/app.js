// The front-desk form of `crs serve`: build a profile from the form, ask the
// service, show the answers. No library, nothing fetched from elsewhere.
"use strict";

const $ = (id) => document.getElementById(id);
const ABILITIES = ["listening", "reading", "writing", "speaking"];
let lastProfile = null;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function esc(text) {
  const div = document.createElement("div");
  div.textContent = text == null ? "" : String(text);
  return div.innerHTML;
}

// The choices of each select come from the profile's JSON Schema: one source.
async function fillChoices() {
  const schema = await (await fetch("/schemas/profile.json")).json();
  const defs = schema.$defs;
  const choice = (prop) => (prop.anyOf ? prop.anyOf[0] : prop);
  const enums = {
    education: choice(schema.properties.education),
    canadian_education: choice(schema.properties.canadian_education),
    language_test: choice(defs.LanguageResult.properties.test),
  };
  for (const select of document.querySelectorAll("select[data-enum]")) {
    const found = enums[select.dataset.enum];
    found.enum.forEach((value, i) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = found["x-labels"][i];
      select.appendChild(option);
    });
  }
}

function addJob(job) {
  const row = $("job-row").content.firstElementChild.cloneNode(true);
  row.querySelector(".remove").addEventListener("click", () => row.remove());
  if (job) {
    row.querySelector(".noc").value = job.noc || "";
    row.querySelector(".start").value = job.start || "";
    row.querySelector(".end").value = job.end || "";
    row.querySelector(".hours").value = job.hours_per_week ?? 40;
    row.querySelector(".in_canada").checked = job.in_canada ?? true;  // the format's default
  }
  $("jobs").appendChild(row);
  return row;
}

function number(id) {
  const text = $(id).value.trim();
  return text === "" ? undefined : Number(text);
}

function text(id) {
  const value = $(id).value.trim();
  return value === "" ? undefined : value;
}

function language(prefix) {
  const test = text(`${prefix}-test`);
  if (!test) return undefined;
  const result = { test };
  for (const a of ABILITIES) result[a] = number(`${prefix}-${a}`) ?? null;
  const date = text(`${prefix}-test_date`);
  if (date) result.test_date = date;
  return result;
}

// Leave out what the form does not give (undefined); a box left unticked is sent as false,
// never dropped: a job's in_canada defaults to true, so dropping false would make work
// done abroad count as Canadian work.
function clean(object) {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}

// The profile JSON of the form, as `crs score` reads it.
function profileFromForm() {
  const profile = {
    id: text("client-id"),
    date_of_birth: text("date_of_birth"),
    age: number("age"),
    education: text("education") ?? null,
    canadian_education: text("canadian_education"),
    first_language: language("first_language"),
    second_language: language("second_language"),
    provincial_nomination: $("provincial_nomination").checked,
    nominated_on: $("provincial_nomination").checked ? text("nominated_on") : undefined,
    sibling_in_canada: $("sibling_in_canada").checked,
    certificate_of_qualification: $("certificate_of_qualification").checked,
    settlement_funds: number("settlement_funds"),
    family_members: number("family_members"),
  };
  const jobs = [...$("jobs").querySelectorAll("tr")].map((row) => clean({
    noc: row.querySelector(".noc").value.trim() || null,
    start: row.querySelector(".start").value || null,
    end: row.querySelector(".end").value || undefined,
    hours_per_week: row.querySelector(".hours").value === "" ? null : Number(row.querySelector(".hours").value),
    in_canada: row.querySelector(".in_canada").checked,
  })).filter((job) => job.noc || job.start);
  if (jobs.length) profile.work_history = jobs;
  if ($("has-spouse").checked) {
    profile.spouse = clean({
      canadian_citizen_or_pr: $("spouse-canadian_citizen_or_pr").checked,
      education: text("spouse-education") ?? null,
      canadian_work_years: number("spouse-canadian_work_years"),
      first_language: language("spouse-first_language"),
    });
  }
  return clean(profile);
}

const JOB_FIELDS = { noc: ".noc", start: ".start", end: ".end", hours_per_week: ".hours", in_canada: ".in_canada" };

// The form field a problem's path names (only when the profile came from the form).
function fieldOf(path) {
  const job = /^work_history\[(\d+)\]\.(\w+)$/.exec(path);
  if (job) {
    const row = $("jobs").querySelectorAll("tr")[Number(job[1])];
    return row ? row.querySelector(JOB_FIELDS[job[2]] || ".noc") : null;
  }
  return $(path.replace(/\./g, "-")) || $(path.split(".")[0]);
}

function showProblems(title, problems, fromForm) {
  const box = $("problems");
  const items = problems.map((p) =>
    `<li>${p.path ? `<code>${esc(p.path)}</code>: ` : ""}${esc(p.message)}</li>`).join("");
  box.innerHTML = `<h2>${esc(title)}</h2><ul>${items}</ul>`;
  box.hidden = false;
  if (!fromForm) return;
  for (const p of problems) {
    const field = fieldOf(p.path);
    if (field) field.classList.add("invalid");
  }
}

async function ask(path, profile, on) {
  const response = await fetch(`${path}?on=${encodeURIComponent(on)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(profile),
  });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.error);
    error.problems = body.problems || [{ path: "", message: body.error }];
    error.status = response.status;
    throw error;
  }
  return body;
}

function lineRows(line, depth, out) {
  const why = [line.reason, line.uncapped != null ? `capped at ${line.cap} (from ${line.uncapped})` : ""]
    .filter(Boolean).join("; ");
  out.push(`<tr class="depth-${depth}" data-key="${esc(line.key)}"><td style="padding-left:${0.4 + depth * 1.1}em">${esc(line.label)}</td>` +
    `<td class="num">${line.points}</td><td>${esc(why)}</td></tr>`);
  for (const child of line.children || []) lineRows(child, depth + 1, out);
}

const SECTION_NAMES = {
  core: "A. Core / human capital",
  spouse: "B. Spouse or partner",
  skill_transferability: "C. Skill transferability",
  additional: "D. Additional points",
};

function showScore(score) {
  $("total").textContent = score.total;
  $("rules-line").textContent =
    `${score.id ? score.id + ": " : ""}on ${score.on}, with the rules in force from ${score.rules}.`;
  $("sections").innerHTML = Object.entries(SECTION_NAMES).map(([key, name]) =>
    `<div class="card"><span class="num">${score[key]}</span><span>${esc(name)}</span></div>`).join("");
  $("warnings").innerHTML = score.warnings.map((w) => `<p class="warning">⚠ ${esc(w)}</p>`).join("");
  const rows = [];
  for (const line of score.lines) lineRows(line, 0, rows);
  $("lines").tBodies[0].innerHTML = rows.join("");
}

function verdictRow(name, verdict) {
  const why = [...verdict.reasons.map((r) => r.message), ...verdict.notes.map((n) => `note: ${n}`)];
  const mark = verdict.eligible ? '<span class="yes">yes</span>' : '<span class="no">no</span>';
  return `<tr><td>${esc(name)}</td><td>${mark}</td><td>${why.map((w) => `<div>${esc(w)}</div>`).join("")}</td></tr>`;
}

const PROGRAM_NAMES = { fsw: "Federal Skilled Worker (FSW)", cec: "Canadian Experience Class (CEC)", fst: "Federal Skilled Trades (FST)" };

function showEligibility(report) {
  const rows = Object.entries(report.programs).map(([slug, v]) => verdictRow(PROGRAM_NAMES[slug] || slug, v));
  for (const v of Object.values(report.categories)) rows.push(verdictRow(v.name, v));
  $("eligibility").tBodies[0].innerHTML = rows.join("");
}

function showWhatIf(found) {
  $("what-if").innerHTML = found.suggestions.length
    ? found.suggestions.slice(0, 8).map((s) => `<li><b>+${s.gain}</b> → ${s.total}: ${esc(s.text)}</li>`).join("")
    : "<li>Nothing among the usual suggestions gains points.</li>";
}

async function calculate(profile, fromForm) {
  document.querySelectorAll(".invalid").forEach((el) => el.classList.remove("invalid"));
  $("problems").hidden = true;
  $("placeholder").hidden = true;
  const on = $("on").value || today();
  const button = $("calculate");
  button.disabled = true;
  button.textContent = "Calculating…";
  try {
    const [score, report, suggestions] = await Promise.all([
      ask("/score", profile, on), ask("/eligible", profile, on), ask("/what-if", profile, on),
    ]);
    showScore(score);
    showEligibility(report);
    showWhatIf(suggestions);
    $("answer").hidden = false;
    lastProfile = profile;
    $("download").disabled = false;
  } catch (error) {
    $("answer").hidden = true;
    $("download").disabled = true;
    showProblems(error.status === 422 ? "Please correct the profile" : "Could not calculate",
      error.problems || [{ path: "", message: String(error.message || error) }], fromForm);
  } finally {
    button.disabled = false;
    button.textContent = "Calculate";
  }
}

async function download() {
  if (!lastProfile) return;
  const on = $("on").value || today();
  const response = await fetch(`/report?format=html&on=${encodeURIComponent(on)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(lastProfile),
  });
  if (!response.ok) {
    const body = await response.json();
    showProblems("Could not make the report", body.problems || [{ path: "", message: body.error }]);
    return;
  }
  const blob = await response.blob();
  const link = document.createElement("a");
  const who = String(lastProfile.id ?? "client").replace(/[^A-Za-z0-9_-]+/g, "-");  // a CRM key may be a number
  link.href = URL.createObjectURL(blob);
  link.download = `crs-report-${who}-${on}.html`;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

document.addEventListener("DOMContentLoaded", async () => {
  $("on").value = today();
  await fillChoices();
  addJob();
  $("add-job").addEventListener("click", () => addJob());
  $("has-spouse").addEventListener("change", (e) => { $("spouse").hidden = !e.target.checked; });
  $("client").addEventListener("submit", (e) => { e.preventDefault(); calculate(profileFromForm(), true); });
  $("download").addEventListener("click", download);
  $("show-json").addEventListener("click", () => { $("json").value = JSON.stringify(profileFromForm(), null, 2); });
  $("use-json").addEventListener("click", () => {
    let profile;
    try {
      profile = JSON.parse($("json").value);
    } catch (error) {
      showProblems("The JSON cannot be read", [{ path: "", message: error.message }]);
      return;
    }
    if (Array.isArray(profile)) {  // a batch: the service takes it, the form shows one client
      showProblems("The form takes one profile", [{ path: "", message:
        `this is a batch of ${profile.length}: paste one profile (a JSON object), or send the batch to POST /score` }]);
      return;
    }
    calculate(profile, false);
  });
  document.body.dataset.ready = "true";
});
