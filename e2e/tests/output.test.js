// Output, not presence (issue #5) in a real browser: the supervisor assigns a task; the
// employee reports on it in the day's report and marks it done; the supervisor sees the
// report on the team's day, accepts the task, and — with the employee's SKP approved —
// rates the period; the predikat appears on the employee's own page. Every page under the
// real CSP; the report form (refused, then saved), the team day, the SKP, the evaluation
// and the dashboard also through axe.
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

// Clicks the submit button of the form holding the hidden action `code`.
async function act(page, code) {
  await go(page, () => page.click(`main form:has(input[name=action][value=${code}]) button[type=submit]`));
}

test("a task is reported on, done, accepted, and the rated period shows its predikat", async () => {
  const stamp = Date.now().toString(36);
  const title = `Rekap berkas pindah datang (uji ${stamp})`;

  // 0. Who the employee is (their name, as the supervisor's lists show it).
  let name;
  {
    const emp = await newPage(browser);
    await signInOk(emp.page, "pegawai.dukcapil");
    await go(emp.page, () => emp.page.click("nav a[href='/presence']"));
    name = text(await emp.page.locator("main p.muted").first().textContent()).split(" · ")[0];
    assert.ok(name.length > 3, `no name: ${name}`);
    await emp.context.close();
  }

  // 1. The supervisor assigns the task with all five points of a clear instruction.
  let taskId;
  const sup = await newPage(browser);
  try {
    const page = sup.page;
    await signInOk(page, "kabid.dukcapil");
    await go(page, () => page.click("nav a[href='/tasks']"));
    await page.fill("#title", title);
    await page.fill("#purpose", "Bahan laporan bulanan ke Dirjen Dukcapil");
    await page.fill("#expected_output", "Tabel rekap per kecamatan");
    await page.locator("main label", { hasText: name }).first().locator("input[name=assignees]").check();
    await page.selectOption("#responsible", { label: name });
    await page.fill("#attachments", "https://dukcapil.nusaraya.go.id/format-rekap");
    await go(page, () => page.click("main form[action='/tasks'] button[type=submit]"));
    const m = /^\/tasks\/(\d+)$/.exec(new URL(page.url()).pathname);
    assert.ok(m, `landed on ${page.url()}`);
    taskId = Number(m[1]);
    assert.equal(text(await page.textContent("main [role=status]")), "Tugas telah diberikan.");
    assertNoProblems(sup.problems);
  } finally {
    await sup.context.close();
  }

  // 2. The employee reports on it (a blocked row without its need is refused first), then
  //    starts and finishes the task, and opens this year's SKP and submits it.
  let planId;
  const emp = await newPage(browser);
  try {
    const page = emp.page;
    await signInOk(page, "pegawai.dukcapil");
    await go(page, () => page.click("nav a[href='/reports']"));
    const fill = async (p) => {
      await p.fill("#t0", `${title}: 3 kecamatan selesai`);
      await p.selectOption("#s0", "in_progress");
      await p.selectOption("#k0", { label: title });
      await p.fill("#t1", "Input data ke SIAK");
      await p.selectOption("#s1", "blocked");
    };
    await fill(page);
    await go(page, () => page.click("main form[action='/reports'] button[type=submit]"));
    assert.match(text(await page.textContent("main [role=alert]")), /items\[1\]\.needs: hasil kerja yang terhambat harus menyebutkan kebutuhannya/);
    assert.equal(await page.inputValue("#t0"), `${title}: 3 kecamatan selesai`, "kept as typed");
    await axeCheck(emp.context, "/reports", "the report form, refused", async (p) => {
      await fill(p);
      await go(p, () => p.click("main form[action='/reports'] button[type=submit]"));
    });
    await page.fill("#n1", "akses SIAK belum aktif");
    await go(page, () => page.click("main form[action='/reports'] button[type=submit]"));
    assert.equal(text(await page.textContent("main [role=status]")), "Laporan harian tersimpan.");
    assert.match(text(await page.textContent("#recent-list")), /2 hasil kerja 1 terhambat/);
    await axeCheck(emp.context, "/reports", "the report form, saved");

    await page.goto(`/tasks/${taskId}`);
    await act(page, "start");
    await act(page, "finish");
    assert.equal(text(await page.textContent("main h1 .tag")), "Selesai");

    await go(page, () => page.click("nav a[href='/skp']"));
    await go(page, () => page.click("main form[action='/skp'] button[type=submit]"));
    planId = Number(/^\/skp\/(\d+)$/.exec(new URL(page.url()).pathname)[1]);
    await page.selectOption("#new-kind", "utama");
    await page.fill("#new-text", "Tersusunnya rekap layanan pindah datang tepat waktu");
    await go(page, () => page.click(`main form[action='/skp/${planId}/results'] button[type=submit]`));
    const rid = (await page.locator("article.result").first().getAttribute("id")).slice(1);
    await page.click(`#r${rid} details:has(form[action$='/indicators']) summary`);
    await page.selectOption(`#n${rid}-aspect`, "kuantitas");
    await page.fill(`#n${rid}-text`, "Rekap kecamatan tersusun");
    await page.fill(`#n${rid}-target`, "12");
    await page.fill(`#n${rid}-unit`, "rekap");
    await go(page, () => page.click(`main form[action='/skp/${planId}/results/${rid}/indicators'] button[type=submit]`));
    assert.match(text(await page.textContent(`#r${rid}`)), /Rekap kecamatan tersusun: 12 rekap/);
    await act(page, "submit");
    assert.equal(text(await page.textContent("#status")), "Diajukan");
    await axeCheck(emp.context, `/skp/${planId}`, "the SKP, submitted");
    assertNoProblems(emp.problems);
  } finally {
    await emp.context.close();
  }

  // 3. The supervisor: the team's day shows the report, blocked first; accept the task;
  //    approve the SKP; open and rate the period.
  let evalId;
  const sup2 = await newPage(browser);
  try {
    const page = sup2.page;
    await signInOk(page, "kabid.dukcapil");
    await page.goto("/reports/team");
    const card = page.locator("main section", { hasText: name }).first();
    assert.match(text(await card.textContent()), /akses SIAK belum aktif/);
    assert.equal(text(await page.locator("main section h2").first().textContent()).startsWith(name), true,
      "the only report with a blocked item comes first");
    await axeCheck(sup2.context, "/reports/team", "the team's day");

    await page.goto(`/tasks/${taskId}`);
    await act(page, "accept");
    assert.equal(text(await page.textContent("main h1 .tag")), "Diterima");

    await page.goto(`/skp/${planId}`);
    await act(page, "approve");
    assert.equal(text(await page.textContent("#status")), "Disetujui (terkunci)");

    await go(page, () => page.click("nav a[href='/evaluations']"));
    const row = page.locator("main tr", { hasText: name });
    await go(page, () => row.locator("form[action='/evaluations'] button[type=submit]").click());
    evalId = Number(/^\/evaluations\/(\d+)$/.exec(new URL(page.url()).pathname)[1]);
    await page.fill("#feedback", "Rekap tepat waktu; pertahankan");
    await page.check("input[name=results_rating][value=as_expected]");
    await page.check("input[name=behaviour_rating][value=above]");
    await go(page, () => page.click(`main form[action='/evaluations/${evalId}/rating'] button[type=submit]`));
    assert.equal(text(await page.textContent("#predikat")), "Baik");
    await axeCheck(sup2.context, `/evaluations/${evalId}`, "the rated evaluation");
    await axeCheck(sup2.context, "/dashboard", "the team's dashboard");
    assertNoProblems(sup2.problems);
  } finally {
    await sup2.context.close();
  }

  // 4. The predikat on the employee's own page, with the feedback.
  const back = await newPage(browser);
  try {
    const page = back.page;
    await signInOk(page, "pegawai.dukcapil");
    await page.goto("/performance");
    const history = text(await page.textContent("#predikat-history"));
    assert.match(history, /Baik/);
    assert.match(history, /Rekap tepat waktu; pertahankan/);
    await axeCheck(back.context, "/performance", "my performance");
    assertNoProblems(back.problems);
  } finally {
    await back.context.close();
  }
});
