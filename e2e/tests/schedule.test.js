// The views over plans and presence in a real browser: the unit head walks from the team
// calendar to the unit board and the monthly recap (and downloads it), the employee makes a
// private calendar link on their week page and a calendar program can read it; every page
// under the real CSP, without serious accessibility problems, and the largest team
// calendar (300 people) within the 10 KB budget of a later page.
"use strict";

const fs = require("node:fs");
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { BASE_URL, launch, newPage, signInOk, assertNoProblems, text } = require("../lib/fleksi");
const { TransferMeter } = require("../lib/transfer");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// axe in a second context that bypasses the CSP (the script is injected), on the same URL.
async function axeCheck(state, path, label) {
  const { context, page } = await newPage(browser, { bypassCSP: true, storageState: state });
  try {
    await page.goto(path);
    await page.addScriptTag({ content: AXE });
    // eslint-disable-next-line no-undef
    const result = await page.evaluate(() => axe.run(document));
    assert.ok(result.passes.length >= 10, `${label}: axe passed only ${result.passes.length} rules`);
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      [],
      `${label}: serious or critical accessibility violations`,
    );
  } finally {
    await context.close();
  }
}

async function go(page, action) {
  await Promise.all([page.waitForEvent("load"), action()]);
}

test("a unit head goes from the team calendar to the board and the recap", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "kabid.dukcapil");
    await go(page, () => page.click("nav a[href='/team-calendar']"));
    const rows = await page.locator("#team tbody tr").count();
    assert.ok(rows >= 5, `the unit's people are listed (${rows})`);
    assert.match(text(await page.textContent("#office")), /Di kantor/);
    assert.ok((await page.locator("#gaps").count()) === 1, "the gaps section is there");
    const state = await context.storageState();
    await axeCheck(state, page.url(), "team calendar");

    await go(page, () => page.click("main a[href^='/board?unit=']"));
    assert.match(text(await page.textContent("h1")), /Papan unit/);
    assert.match(text(await page.textContent("#counts")), /Belum presensi/);
    await axeCheck(state, page.url(), "unit board");

    await go(page, () => page.click("nav a[href='/team-calendar']"));
    await go(page, () => page.click("main a[href$='/recap']"));
    assert.match(text(await page.textContent("h1")), /Rekap kehadiran bulanan/);
    assert.ok((await page.locator("#recap tbody tr").count()) >= 5, "a preview of the recap");
    await axeCheck(state, page.url(), "monthly recap");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("main a[href*='format=csv']"),
    ]);
    assert.match(download.suggestedFilename(), /^rekap-DISDUKCAPIL-B1-\d{4}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path(), "utf8");
    assert.match(csv, /^\uFEFFNIP,Nama,Unit kerja,Hari kerja/);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test("an employee makes a private calendar link that a calendar program can read", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "pegawai.dukcapil");
    await go(page, () => page.click("nav a[href='/week']"));
    await go(page, () => page.click("main form[action='/feeds'] button[type=submit]"));
    const url = text(await page.textContent("#feed-url"));
    assert.ok(url.startsWith(`${BASE_URL}/feeds/`) && url.endsWith(".ics"), url);
    // A calendar program has no session: plain HTTP with the token in the URL.
    const r = await fetch(url);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("content-type"), "text/calendar; charset=utf-8");
    const body = await r.text();
    assert.match(body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(body, /\r\nEND:VCALENDAR\r\n$/);
    // Revoked from the week page: the link stops.
    await go(page, () => page.click("nav a[href='/week']"));
    await go(page, () => page.click("main form[action='/feeds/revoke'] button[type=submit]"));
    assert.match(text(await page.textContent("main")), /Tautan kalender dicabut/);
    assert.equal((await fetch(url)).status, 404);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test("the team calendar of 300 people stays within a later page's 10 KB", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "admin.bkpsdm");
    await go(page, () => page.click("nav a[href='/team-calendar']"));
    const root = await page.locator("select[name=unit] option").first().getAttribute("value");
    const meter = await TransferMeter.attach(context, page);
    meter.reset();
    await page.goto(`/team-calendar?unit=${root}`, { waitUntil: "load" });
    await page.waitForTimeout(100);
    assert.equal(await page.locator("#team tbody tr").count(), 300, "a full page of people");
    const r = meter.report();
    const doc = r.items.find((i) => i.type === "Document");
    assert.ok(doc && doc.bytes > 0, "the document was measured");
    assert.match(doc.encoding, /^(br|gzip|zstd|deflate)$/);
    const refetched = r.items.filter((i) => i.path.startsWith("/static/") && !i.cached && i.bytes > 0);
    assert.deepEqual(refetched.map((i) => i.path), [], "static files were downloaded again");
    console.log(`size team calendar (300 people): ${(r.total / 1000).toFixed(1)} KB`);
    assert.ok(r.total <= 10_000, `team calendar: ${r.total} B > 10000 B`);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
