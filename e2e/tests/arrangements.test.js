// Flexible work arrangements (issue #3) in a real browser: an employee submits a week's
// location plan with a reason and a work plan, the supervisor approves it from the queue,
// the employee checks in, and the supervisor's team calendar shows the approved home day
// and today's presence. Every page under the real CSP; the plan, approval and presence
// pages also through axe (no serious or critical violation) in the states the flow
// reaches: a refused form, a request in the queue, a recorded check-in.
//
// The server runs on the real clock, so the dates are chosen from the server's own today
// (the presence page shows it in the unit's time zone) and its holiday list.
"use strict";

const fs = require("node:fs");
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, newPage, signInOk, assertNoProblems, text } = require("../lib/fleksi");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function go(page, action) {
  await Promise.all([page.waitForEvent("load"), action()]);
}

// axe in a second context that bypasses the CSP (the script is injected) with the same
// session, on `path`, after `prepare(page)` when given (to reach a state such as a refused
// form).
async function axeCheck(context, path, label, prepare) {
  const state = await context.storageState();
  const second = await newPage(browser, { bypassCSP: true, storageState: state });
  try {
    await second.page.goto(path);
    if (prepare) await prepare(second.page);
    await second.page.addScriptTag({ content: AXE });
    // eslint-disable-next-line no-undef
    const result = await second.page.evaluate(() => axe.run(document));
    assert.ok(result.passes.length >= 10, `${label}: axe passed only ${result.passes.length} rules`);
    for (const v of result.violations) {
      for (const n of v.nodes) console.log(`axe ${label}: ${v.impact} ${v.id}: ${n.target.join(" ")}`);
    }
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
      `${label}: serious or critical accessibility violations`,
    );
  } finally {
    await second.context.close();
  }
}

// Calendar dates as YYYY-MM-DD, computed in UTC so the machine's own zone plays no part.
function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
// 0 = Monday … 6 = Sunday.
function weekday(iso) {
  return (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7;
}
function mondayOf(iso) {
  return addDays(iso, -weekday(iso));
}
const DAY_CODES = ["monday", "tuesday", "wednesday", "thursday", "friday"];
const DAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"];
// The short weekday the pages print before `DD-MM` (`Rb 25-11`).
const SHORT = ["Sn", "Sl", "Rb", "Km", "Jm"];
function shortDay(iso) {
  return `${SHORT[weekday(iso)]} ${iso.slice(8, 10)}-${iso.slice(5, 7)}`;
}

// The working weekdays to plan: from tomorrow on (a plan is due a day ahead), no holiday
// or joint-leave day, within one Monday–Friday week. Next week is preferred; dates of next
// month are avoided when possible, because roster.test.js generates next month's roster
// for the same unit and an approved day would lock that employee's cells there.
function chooseDates(today, holidays) {
  const usable = (monday) =>
    [0, 1, 2, 3, 4].map((i) => addDays(monday, i)).filter((d) => d > today && !holidays.has(d));
  const thisMonth = (d) => d.slice(0, 7) === today.slice(0, 7);
  const next = addDays(mondayOf(today), 7);
  const options = [next, mondayOf(today)].map((m) => usable(m).filter(thisMonth));
  return (
    options.find((o) => o.length >= 2) || options.find((o) => o.length >= 1) || usable(next)
  );
}

// The team calendar on screen: the column of `date` (0 is the names), the cell of the
// person called `name` on `date` as [class, text], and a footer row's text on `date`.
async function columnOf(page, date) {
  const heads = await page.locator("#team thead th").evaluateAll((hs) => hs.map((h) => h.id));
  const col = heads.indexOf(`h${date}`);
  assert.ok(col > 0, `no column for ${date} in the team calendar: ${heads.join(" ")}`);
  return col;
}
async function cellOf(page, name, date) {
  const col = await columnOf(page, date);
  const row = page.locator("#team tbody tr", { has: page.locator(`th:text-is("${name}")`) });
  assert.equal(await row.count(), 1, `${name} is not in the team calendar`);
  const td = row.locator(`td:nth-child(${col + 1})`);
  return [await td.getAttribute("class"), text(await td.textContent())];
}
async function cellText(page, name, date) {
  return (await cellOf(page, name, date))[1];
}
async function footer(page, rowId, date) {
  const col = await columnOf(page, date);
  return text(await page.locator(`#${rowId} td:nth-child(${col + 1})`).textContent());
}

test("an employee's week plan is approved, they check in, and the team calendar shows it", async () => {
  const stamp = Date.now().toString(36);
  const reason = `Pengumpulan data kependudukan dari rumah (uji ${stamp})`;
  let workPlan;

  // 1. The employee: today (the server's, in the unit's zone), the holidays, the plan.
  const emp = await newPage(browser);
  let name;
  let today;
  let dates;
  let home;
  let id;
  try {
    const page = emp.page;
    await signInOk(page, "pegawai.dukcapil");
    await go(page, () => page.click("nav a[href='/presence']"));
    const now = text(await page.textContent("#now"));
    const m = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}/.exec(now);
    assert.ok(m, `no date on the presence page: ${now}`);
    today = m[1];
    // `Name · Unit · date time zone`
    name = text(await page.locator("main p.muted").first().textContent()).split(" · ")[0];
    assert.ok(name.length > 3, `no name on the presence page: ${name}`);

    // The holiday list of the years the next fortnight touches.
    const holidays = new Set();
    for (const year of new Set([today.slice(0, 4), addDays(today, 14).slice(0, 4)])) {
      await page.goto(`/calendar?year=${year}`);
      for (const rowId of await page.locator("#holidays tbody tr").evaluateAll((rs) => rs.map((r) => r.id))) {
        holidays.add(rowId.slice(1));
      }
    }
    assert.ok(holidays.size >= 10, `the holiday list is there (${holidays.size})`);
    dates = chooseDates(today, holidays);
    assert.ok(dates.length >= 1, `no working day to plan after ${today}`);
    // Home on the second day (the first stays at the office) when there are two or more.
    home = dates[dates.length >= 2 ? 1 : 0];
    workPlan = `${DAY_NAMES[weekday(home)]} ${home} — verifikasi 40 berkas KTP-el; draf laporan pelayanan 5 halaman`;

    await go(page, () => page.click("nav a[href='/plans']"));
    assert.match(text(await page.textContent("main")), /Anda memenuhi syarat kerja fleksibel lokasi, paling banyak 2 hari per minggu/);
    assert.equal(text(await page.textContent("section[aria-labelledby=mine] p")), "Belum ada pengajuan.");
    // The blank form proposes next week, the office on every day.
    assert.equal(await page.inputValue("#first_day"), addDays(mondayOf(today), 7));
    assert.equal(await page.inputValue("#p-monday"), "office");

    // A plan in the past is refused with the field named, and nothing is kept.
    const pastPlan = async (p) => {
      await p.fill("#first_day", addDays(today, -7));
      await p.fill("#last_day", addDays(today, -3));
      await p.fill("#reason", reason);
      await p.fill("#work_plan", workPlan);
      await go(p, () => p.click("main form[action='/plans'] button[type=submit]"));
      await p.locator("main [role=alert]").waitFor();
    };
    await pastPlan(page);
    const alert = text(await page.textContent("main [role=alert]"));
    assert.match(alert, /Pengajuan ditolak; tidak ada yang diubah/);
    assert.match(alert, /first_day: tanggal \d{4}-\d{2}-\d{2} sudah lewat/);
    assert.equal(await page.locator("#my-requests").count(), 0, "no request was kept");
    assert.equal(await page.inputValue("#reason"), reason, "the form came back as typed");
    await axeCheck(emp.context, "/plans", "plans with a refused form", pastPlan);

    // The real request: the chosen days, home on one of them, the office on the others.
    await page.fill("#first_day", dates[0]);
    await page.fill("#last_day", dates[dates.length - 1]);
    for (const d of dates) {
      await page.selectOption(`#p-${DAY_CODES[weekday(d)]}`, d === home ? "home" : "office");
    }
    await page.selectOption("#time_mode", "regular");
    await page.fill("#reason", reason);
    await page.fill("#work_plan", workPlan);
    await page.fill("#evidence_link", "https://dukcapil.nusaraya.go.id/rencana-kerja");
    await go(page, () => page.click("main form[action='/plans'] button[type=submit]"));
    assert.equal(new URL(page.url()).pathname, "/plans");
    assert.equal(text(await page.textContent("main [role=status]")), "Pengajuan terkirim kepada atasan.");
    const row = page.locator("#my-requests tbody tr").first();
    id = Number(text(await row.locator("td a").first().textContent()));
    assert.ok(id > 0, "the request has a number");
    const mine = text(await row.textContent());
    assert.match(mine, new RegExp(`${shortDay(home)}: Rumah \\(WFH\\)`), mine);
    assert.match(mine, new RegExp(`${dates.length - 1} hari di kantor`), mine);
    assert.match(mine, /Menunggu persetujuan/);
    await axeCheck(emp.context, "/plans", "plans with a pending request");

    assertNoProblems(emp.problems);
  } finally {
    await emp.context.close();
  }

  // 2. The supervisor approves it from the queue (the bulk form, one box ticked).
  const sup = await newPage(browser);
  try {
    const page = sup.page;
    await signInOk(page, "kabid.dukcapil");
    await go(page, () => page.click("nav a[href='/approvals']"));
    const row = page.locator(`#q${id}`);
    assert.equal(await row.count(), 1, `request #${id} is not in the queue`);
    const seen = text(await row.textContent());
    assert.ok(seen.includes(name), `the queue names ${name}: ${seen}`);
    assert.ok(seen.includes(reason) && seen.includes(workPlan), `reason and work plan shown: ${seen}`);
    assert.match(seen, new RegExp(`${shortDay(home)}: Rumah \\(WFH\\)`));
    assert.equal(await row.locator("a[href^='https://dukcapil.']").count(), 1, "the evidence link");
    await axeCheck(sup.context, "/approvals", "approvals");

    // Before the decision the team calendar shows the home day as waiting (`K?R`).
    await page.goto(`/team-calendar?week=${mondayOf(home)}`);
    const waiting = await cellText(page, name, home);
    assert.equal(waiting, "K?R", `the pending home day ${home}`);

    await go(page, () => page.click("nav a[href='/approvals']"));
    await page.check(`#c${id}`);
    await page.fill("#comment", "Disetujui, target mohon dilaporkan Jumat.");
    await go(page, () => page.click("main button[name=decision][value=approve]"));
    assert.equal(text(await page.textContent("main [role=status]")), "Pengajuan disetujui: 1");
    assert.equal(await page.locator(`#q${id}`).count(), 0, "the request left the queue");
    assertNoProblems(sup.problems);
  } finally {
    await sup.context.close();
  }

  // 3. The employee sees the decision and checks in.
  let checkIn;
  const again = await newPage(browser);
  try {
    const page = again.page;
    await signInOk(page, "pegawai.dukcapil");
    await go(page, () => page.click("nav a[href='/plans']"));
    const row = text(await page.textContent(`#r${id}`));
    assert.match(row, /Disetujui/);
    assert.match(row, /target mohon dilaporkan Jumat/);

    await go(page, () => page.click("nav a[href='/presence']"));
    assert.equal(await page.locator("#in").count(), 0, "no check-in yet");
    await page.selectOption("#location", "office");
    await page.fill("#note", "Masuk melalui loket 2");
    await go(page, () => page.click("main form[action='/presence/check-in'] button[type=submit]"));
    assert.equal(text(await page.textContent("main [role=status]")), "Presensi masuk tercatat.");
    const shown = text(await page.textContent("#in"));
    const t = /^(\d{2}:\d{2})(:\d{2})? · Kantor$/.exec(shown);
    assert.ok(t, `the check-in time and place: ${shown}`);
    checkIn = t[1];
    // The time is the server's, now: the page's clock reads the same minute or just after.
    const clock = /(\d{2}:\d{2}) \S+$/.exec(text(await page.textContent("#now")))[1];
    assert.ok(clock >= checkIn, `check-in ${checkIn} is later than the page's clock ${clock}`);
    assert.equal(text(await page.textContent("#out")), "—");
    assert.equal(
      text(await page.textContent("main form[action='/presence/check-out'] button[type=submit]")),
      "Presensi pulang",
    );
    await axeCheck(again.context, "/presence", "presence");
    assertNoProblems(again.problems);
  } finally {
    await again.context.close();
  }

  // 4. The supervisor's team calendar: the approved week, and the week of today.
  const cal = await newPage(browser);
  try {
    const page = cal.page;
    await signInOk(page, "kabid.dukcapil");
    await go(page, () => page.click("nav a[href='/team-calendar']"));
    await page.goto(`/team-calendar?week=${mondayOf(home)}`);
    assert.match(text(await page.textContent("main strong")), new RegExp(mondayOf(home)));
    assert.deepEqual(await cellOf(page, name, home), ["r", "R"], `the approved home day ${home}`);
    for (const d of dates.filter((x) => x !== home)) {
      assert.deepEqual(await cellOf(page, name, d), ["o", "K"], `the approved office day ${d}`);
    }
    assert.match(await footer(page, "flexible", home), /^[1-9]/, "the home day counts as flexible");
    assertNoProblems(cal.problems);

    // Today: the check-in shows as a mark after the location letter (✓ on time, T late),
    // and in the presence count (checked in / at the office / late).
    if (mondayOf(today) !== mondayOf(home)) {
      await page.goto(`/team-calendar?week=${mondayOf(today)}`);
    }
    const heads = await page.locator("#team thead th").evaluateAll((hs) => hs.map((h) => h.id));
    if (heads.includes(`h${today}`) && !(await page.locator(`#h${today}.x`).count())) {
      const [, t] = await cellOf(page, name, today);
      assert.match(t, /^K[✓T]$/, `today's cell shows the check-in at ${checkIn}: ${t}`);
      const [inCount, atOffice] = (await footer(page, "present", today)).split("/").map(Number);
      assert.ok(inCount >= 1 && atOffice >= 1, `today's presence count: ${await footer(page, "present", today)}`);
    } else {
      console.log(`team calendar: ${today} is not a working day shown; today's mark not checked`);
    }
    assertNoProblems(cal.problems);
  } finally {
    await cal.context.close();
  }
});
