// Accessibility: axe-core on the main pages; any violation of impact serious or critical
// fails, lesser ones are printed.
"use strict";

const fs = require("node:fs");
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, newPage, signInOk } = require("../lib/fleksi");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The app's CSP (script-src 'self') would block an inline <script>, so these contexts bypass
// it; the other tests run under the real policy.
async function axeCheck(page, label) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document),
  );
  // axe really ran: it checked a good number of rules on this page.
  assert.ok(result.passes.length >= 10, `${label}: axe passed only ${result.passes.length} rules`);
  const lines = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      lines.push(`${v.impact} ${v.id}: ${n.target.join(" ")} — ${n.failureSummary.replace(/\s+/g, " ")}`);
    }
  }
  for (const l of lines) console.log(`axe ${label}: ${l}`);
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `${label}: serious or critical accessibility violations`,
  );
  console.log(`axe ${label}: ${result.violations.length} violation(s), none serious or critical`);
}

test("the sign-in page has no serious accessibility problem", async () => {
  const { context, page } = await newPage(browser, { bypassCSP: true });
  try {
    await page.goto("/login");
    await axeCheck(page, "sign-in");
    // And with the error shown after a wrong password.
    await page.fill("#login", "pegawai");
    await page.fill("#password", "wrong-password");
    await Promise.all([page.waitForEvent("load"), page.click("main button[type=submit]")]);
    assert.equal(await page.locator("main [role=alert]").count(), 1);
    await axeCheck(page, "sign-in with error");
  } finally {
    await context.close();
  }
});

test("home, employee list, employee detail and import pages have no serious accessibility problem", async () => {
  const { context, page } = await newPage(browser, { bypassCSP: true });
  try {
    await signInOk(page, "admin.bkpsdm");
    await page.goto("/");
    await axeCheck(page, "home (admin)");

    await page.goto("/employees");
    await axeCheck(page, "employee list");

    const href = await page.locator("main table tbody a").first().getAttribute("href");
    await page.goto(href);
    await axeCheck(page, "employee detail");

    await page.goto("/import");
    await axeCheck(page, "import");
    // The import page with its error report.
    const form = page.locator("main form:has(input[name=kind][value=employees])");
    await form.locator("input[type=file]").setInputFiles({
      name: "salah.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nip,nama,status,jabatan,jenis_jabatan,kode_unit\n123,X,PNS,Y,pelaksana,NOPE\n"),
    });
    await Promise.all([page.waitForEvent("load"), form.locator("button[type=submit]").click()]);
    await page.locator("#import-errors").waitFor();
    await axeCheck(page, "import with errors");
  } finally {
    await context.close();
  }
});

test("the employee's own home page has no serious accessibility problem", async () => {
  const { context, page } = await newPage(browser, { bypassCSP: true });
  try {
    await signInOk(page, "pegawai");
    await axeCheck(page, "home (pegawai)");
  } finally {
    await context.close();
  }
});

test("the roster pages and the week page have no serious accessibility problem", async () => {
  const { context, page } = await newPage(browser, { bypassCSP: true });
  try {
    await signInOk(page, "kabid.dukcapil");
    await page.goto("/rosters");
    await axeCheck(page, "roster list");
    await page.goto(await page.locator("main table a").first().getAttribute("href"));
    await axeCheck(page, "roster (collecting wishes, settings and skills forms)");
    await page.goto("/week");
    await axeCheck(page, "week");
  } finally {
    await context.close();
  }
});
