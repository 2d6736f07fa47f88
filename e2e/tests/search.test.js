// Employee search: an agency admin finds a person by part of a name and opens their page.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, newPage, signInOk, assertNoProblems, text } = require("../lib/fleksi");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("admin.bkpsdm finds an employee by part of a name and opens the detail page", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "admin.bkpsdm");
    await page.click("nav a[href='/employees']");
    await page.waitForURL("**/employees");
    assert.equal(text(await page.textContent("h1")), "Pegawai");

    // Pick someone from the unfiltered list, not a hard-coded demo name, so the test
    // survives changes to the demo data: the last person on the first page.
    const rows = page.locator("main table tbody tr");
    const count = await rows.count();
    assert.ok(count >= 2, `expected a list of employees, got ${count} rows`);
    const target = rows.nth(count - 1);
    const name = text(await target.locator("td").nth(0).textContent());
    const nip = text(await target.locator("td").nth(1).textContent());
    // Names repeat in a large agency; the link (the employee's id) is what identifies them.
    const href = await target.locator("a").getAttribute("href");
    assert.match(href, /^\/employees\/\d+$/);
    assert.match(nip, /^\d{18}$/);

    // Part of the surname, from its second letter on, in capitals: the search ignores case
    // and matches inside words.
    const last = name.split(" ").pop();
    assert.ok(last.length >= 4, `surname too short to search by a part: ${name}`);
    const part = last.slice(1).toUpperCase();

    await page.fill("#q", part);
    await Promise.all([page.waitForEvent("load"), page.click("main form[role=search] button[type=submit]")]);
    const url = new URL(page.url());
    assert.equal(url.pathname, "/employees");
    assert.equal(url.searchParams.get("q"), part);
    assert.equal(await page.inputValue("#q"), part, "the search box keeps what was typed");

    const names = (await page.locator("main table tbody tr td:first-child").allTextContents()).map(text);
    assert.ok(names.includes(name), `${name} not among the results for "${part}": ${names.join(", ")}`);
    for (const n of names) {
      assert.ok(n.toLowerCase().includes(part.toLowerCase()), `"${n}" does not contain "${part}"`);
    }
    console.log(`search "${part}" found ${names.length} of the first ${count}: ${names.join(", ")}`);

    // Open the detail page through the link in the results.
    const link = page.locator(`main table tbody a[href='${href}']`);
    assert.equal(await link.count(), 1, `${href} (${name}) not among the results`);
    await Promise.all([page.waitForURL(`**${href}`), link.click()]);
    assert.equal(text(await page.textContent("h1")), name);
    assert.equal(await page.title(), `${name} · Fleksi`);
    const facts = page.locator("main dl.facts");
    const nipShown = text(await facts.locator("dt:text-is('NIP') + dd").textContent());
    assert.equal(nipShown.replace(/\s/g, ""), nip, "the detail page shows the same NIP");
    for (const label of ["Status", "Jabatan", "Unit kerja", "Atasan langsung"]) {
      assert.equal(await facts.locator(`dt:text-is('${label}')`).count(), 1, `no "${label}" on the detail page`);
    }
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test("a search that matches nobody says so", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "admin.bkpsdm");
    await page.goto("/employees?q=zzqxj-tidak-ada");
    assert.equal(await page.locator("main table").count(), 0);
    assert.match(text(await page.textContent("main")), /Tidak ada pegawai yang cocok\./);
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
