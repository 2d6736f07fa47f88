// Hybrid roster: an employee wishes to work from home on a day of next month's roster, the
// unit head generates the roster, edits a cell (re-validated at once), publishes it, and the
// employee finds the published day on their week page.
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

// The first Monday on or after the first day of next month, as YYYY-MM-DD (local time).
function firstWeekOfNextMonth() {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + 1);
  const iso = (x) =>
    `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, "0")}-${String(x.getDate()).padStart(2, "0")}`;
  return iso(d);
}

async function go(page, action) {
  await Promise.all([page.waitForEvent("load"), action()]);
}

test("a unit head generates, edits and publishes a roster; the employee sees it", async () => {
  // 1. The employee wishes to work from home on one open roster date.
  const emp = await newPage(browser);
  let name;
  let date;
  try {
    await signInOk(emp.page, "pegawai.dukcapil");
    name = text(await emp.page.textContent("h1")).split(", ").slice(1).join(", ");
    assert.ok(name.length > 3, `no name in the greeting: ${name}`);
    await go(emp.page, () => emp.page.click("nav a[href='/week']"));
    let week = firstWeekOfNextMonth();
    for (let i = 0; i < 3; i++) {
      await emp.page.goto(`/week?date=${week}`);
      if ((await emp.page.locator("select[name^='wish.']").count()) > 0) break;
      const next = await emp.page.locator("main a[href^='/week?date=']").nth(1).getAttribute("href");
      week = new URL(next, "http://x").searchParams.get("date");
    }
    const select = emp.page.locator("select[name^='wish.']").first();
    assert.equal(await select.count(), 1, "no open roster date to wish for on the week page");
    date = (await select.getAttribute("name")).slice("wish.".length);
    await select.selectOption("3");
    await go(emp.page, () => emp.page.click("main form[action='/week/wishes'] button[type=submit]"));
    assert.equal(await emp.page.inputValue(`select[name='wish.${date}']`), "3", "the wish was kept");
    assertNoProblems(emp.problems);
  } finally {
    await emp.context.close();
  }

  // 2. The unit head generates, edits and publishes.
  const head = await newPage(browser);
  let published;
  try {
    const page = head.page;
    await signInOk(page, "kabid.dukcapil");
    await go(page, () => page.click("nav a[href='/rosters']"));
    await go(page, () => page.locator("main table a").first().click());
    await go(page, () => page.click("button[name=generate]"));
    assert.equal(text(await page.textContent("#feasible")), "Semua terpenuhi");

    const row = page.locator("table.grid tbody tr", { has: page.locator(`th:text-is("${name}")`) });
    assert.equal(await row.count(), 1, `${name} is not in the grid`);
    const cell = row.locator(`button[name=cell][value*='|${date}|']`);
    assert.equal(await cell.count(), 1, `no editable cell for ${name} on ${date}`);
    const value = await cell.getAttribute("value");
    const [id, , to] = value.split("|");
    const before = text(await cell.textContent());
    await go(page, () => cell.click());
    const edited = page.locator(`button[name=cell][value^='${id}|${date}|']`);
    const after = text(await edited.textContent());
    assert.notEqual(after, before, "the cell changed");
    assert.equal(after, to === "O" ? "K" : "R");
    // The page re-validated the roster: either still fine, or the broken rule is named.
    const verdict = text(await page.textContent("#feasible"));
    if (verdict !== "Semua terpenuhi") {
      assert.match(verdict, /pelanggaran/);
      assert.ok((await page.locator("#violations").count()) === 1, "violations are listed");
      await go(page, () => edited.click());
      assert.equal(text(await page.textContent("#feasible")), "Semua terpenuhi");
    }
    published = text(await page.locator(`button[name=cell][value^='${id}|${date}|']`).textContent());

    await go(page, () => page.click("button[name=publish]"));
    assert.equal(text(await page.textContent("#status")), "Terbit");
    assert.equal(await page.locator("button[name=cell]").count(), 0, "a published roster is read-only");
    assertNoProblems(head.problems);
  } finally {
    await head.context.close();
  }

  // 3. The employee sees the published day and the notification.
  const again = await newPage(browser);
  try {
    const page = again.page;
    await signInOk(page, "pegawai.dukcapil");
    await page.goto(`/week?date=${date}`);
    assert.ok((await page.locator("#notifications a").count()) >= 1, "a notification about the roster");
    const day = text(await page.textContent(`tr#d${date}`));
    assert.match(day, published === "K" ? /Kantor/ : /Rumah/, `week page for ${date}: ${day}`);
    assert.match(day, /Roster/);
    assertNoProblems(again.problems);
  } finally {
    await again.context.close();
  }
});
