// The import error report: a CSV with bad rows is refused whole, every problem is listed with
// its line number and an Indonesian reason, and nothing in the agency changes.
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

// A well-formed NIP (born 1992-03-15, appointed 2019-03, woman, number 007) nobody in the
// demo agency has.
const NEW_NIP = "199203152019032007";

async function searchNames(page, q) {
  await page.goto(`/employees?q=${encodeURIComponent(q)}`);
  return (await page.locator("main table tbody tr td:first-child").allTextContents()).map(text);
}

test("a bad employees CSV is refused with a report per line and changes nothing", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signInOk(page, "admin.bkpsdm");

    // Before: an existing employee (to be renamed by the file), the new NIP unknown, and the
    // organisation tree with its head counts.
    await page.goto("/employees");
    const first = page.locator("main table tbody tr").first();
    const oldName = text(await first.locator("td").nth(0).textContent());
    const oldNip = text(await first.locator("td").nth(1).textContent());
    const oldHref = await first.locator("a").getAttribute("href");
    assert.match(oldNip, /^\d{18}$/);
    assert.deepEqual(await searchNames(page, NEW_NIP), []);
    await page.goto("/org");
    const orgBefore = text(await page.textContent("main"));
    assert.match(orgBefore, /BKPSDM/);

    const csv = [
      "nip,nama,status,jabatan,jenis_jabatan,kode_unit",
      // line 2: a NIP of five digits
      "12345,Budi Salah Nip,PNS,Analis SDM Aparatur,pelaksana,BKPSDM",
      // line 3: a unit code the agency does not have
      "199001012015031001,Siti Unit Salah,PNS,Analis SDM Aparatur,pelaksana,TIDAK-ADA",
      // line 4: a good new employee, who must not be saved because other lines are wrong
      `${NEW_NIP},Rina Tidak Tersimpan,PNS,Analis SDM Aparatur,pelaksana,BKPSDM`,
      // line 5: a good update of an existing employee, which must not be applied either
      `${oldNip},${oldName} Diubah,PNS,Analis SDM Aparatur,pelaksana,BKPSDM`,
    ].join("\n");

    await page.click("nav a[href='/import']");
    await page.waitForURL("**/import");
    assert.equal(text(await page.textContent("h1")), "Impor data");
    assert.equal(await page.locator("#import-errors").count(), 0);
    const form = page.locator("main form:has(input[name=kind][value=employees])");
    await form.locator("input[type=file][name=file]").setInputFiles({
      name: "pegawai-salah.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv, "utf8"),
    });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/import") && r.request().method() === "POST"),
      form.locator("button[type=submit]").click(),
    ]);
    await page.waitForLoadState("load");
    assert.equal(response.status(), 422);

    const report = page.locator("#import-errors");
    await report.waitFor();
    assert.equal(await report.getAttribute("role"), "alert");
    assert.match(text(await report.locator("p").first().textContent()), /^Impor ditolak; tidak ada data yang diubah\./);
    const headers = (await report.locator("thead th").allTextContents()).map(text);
    assert.deepEqual(headers, ["Baris", "Kolom", "Alasan"]);
    const rows = [];
    for (const tr of await report.locator("tbody tr").all()) {
      rows.push((await tr.locator("td").allTextContents()).map(text));
    }
    console.log(`import report: ${JSON.stringify(rows)}`);
    assert.deepEqual(
      rows,
      [
        ["2", "nip", "NIP harus 18 digit"],
        ["3", "kode_unit", 'unit kerja dengan kode "TIDAK-ADA" tidak ditemukan'],
      ],
      "exactly the two bad lines are reported, with their line numbers and reasons",
    );

    // After: nothing was created, nothing was updated, the tree is as it was.
    assert.deepEqual(await searchNames(page, NEW_NIP), [], "the good new row was saved anyway");
    assert.deepEqual(await searchNames(page, "Tidak Tersimpan"), []);
    await page.goto(oldHref);
    assert.equal(text(await page.textContent("h1")), oldName, "the existing employee was renamed");
    await page.goto("/org");
    assert.equal(text(await page.textContent("main")), orgBefore, "the organisation changed");
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
