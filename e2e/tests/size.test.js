// Page weight (DESIGN.md, "Speed is designed in"): for a 2G/3G link a first visit costs at
// most 30 KB on the wire (HTML + CSS + JS, compressed), a later page at most 10 KB, with the
// cached CSS and JS not counted again. Measured by Chromium itself, headers included.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, newPage, signInOk, assertNoProblems } = require("../lib/fleksi");
const { TransferMeter } = require("../lib/transfer");

const FIRST_VISIT_MAX = 30_000;
const LATER_PAGE_MAX = 10_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function show(label, { items, total }) {
  const parts = items.map(
    (r) => `${r.path} ${r.status} ${r.encoding}${r.cached ? " (cache)" : ""} ${r.bytes} B`,
  );
  console.log(`size ${label}: ${(total / 1000).toFixed(1)} KB = ${parts.join(" + ")}`);
}

// Loads `path` and returns what it cost; checks that what was loaded is what we think.
async function measure(meter, page, path, label) {
  meter.reset();
  const response = await page.goto(path, { waitUntil: "load" });
  assert.equal(new URL(page.url()).pathname, path, `${path} redirected to ${page.url()}`);
  assert.equal(response.status(), 200);
  // Let the last loadingFinished events arrive.
  await page.waitForTimeout(100);
  const r = meter.report();
  show(label, r);
  const doc = r.items.find((i) => i.type === "Document");
  assert.ok(doc && doc.done && doc.bytes > 0, `no document recorded for ${path}`);
  for (const i of r.items) {
    assert.ok(i.done || i.cached, `${i.path} did not finish loading`);
    // Everything with a body comes compressed (a 204 or 304 has none).
    if (!i.cached && i.status === 200) {
      assert.match(i.encoding, /^(br|gzip|zstd|deflate)$/, `${i.path} was sent uncompressed`);
    }
  }
  const kinds = new Set(r.items.map((i) => i.type));
  assert.ok(kinds.has("Stylesheet") || r.items.length === 1, "expected the stylesheet to be requested or cached");
  return r;
}

const PAGES = [
  { path: "/login", signedIn: false, label: "sign-in" },
  { path: "/", signedIn: true, label: "home" },
  { path: "/employees", signedIn: true, label: "employee list" },
  { path: "/reports", signedIn: true, label: "daily report form" },
  { path: "/skp", signedIn: true, label: "performance plan" },
  { path: "/evaluations", signedIn: true, label: "evaluations" },
  { path: "/performance", signedIn: true, label: "my performance" },
  { path: "/dashboard", signedIn: true, label: "output dashboard" },
  { path: "/evaluations/distribution", signedIn: true, label: "distribution of predikat" },
];

test("each page's first visit, with an empty cache, is at most 30 KB", async () => {
  // One signed-in state, then a fresh context (empty cache) per page.
  const { context: signin, page: p0 } = await newPage(browser);
  await signInOk(p0, "admin.bkpsdm");
  const state = await signin.storageState();
  await signin.close();

  for (const { path, signedIn, label } of PAGES) {
    const { context, page, problems } = await newPage(browser, signedIn ? { storageState: state } : {});
    try {
      const meter = await TransferMeter.attach(context, page);
      const r = await measure(meter, page, path, `first visit to ${label}`);
      const fetched = r.items.filter((i) => !i.cached).map((i) => i.path);
      assert.ok(fetched.includes("/static/style.css") && fetched.includes("/static/app.js"),
        `first visit should fetch the CSS and JS, fetched: ${fetched.join(", ")}`);
      assert.ok(r.total <= FIRST_VISIT_MAX, `first visit to ${label}: ${r.total} B > ${FIRST_VISIT_MAX} B`);
      assertNoProblems(problems);
    } finally {
      await context.close();
    }
  }
});

test("later pages, with CSS and JS cached, are at most 10 KB each", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    const meter = await TransferMeter.attach(context, page);
    const first = await measure(meter, page, "/login", "sign-in (first)");
    assert.ok(first.total <= FIRST_VISIT_MAX);
    await signInOk(page, "admin.bkpsdm");
    for (const { path, label } of PAGES.filter((p) => p.signedIn)) {
      const r = await measure(meter, page, path, `later visit to ${label}`);
      const refetched = r.items.filter((i) => i.path.startsWith("/static/") && !i.cached && i.bytes > 0);
      assert.deepEqual(refetched.map((i) => i.path), [], "static files were downloaded again");
      assert.ok(r.total <= LATER_PAGE_MAX, `later visit to ${label}: ${r.total} B > ${LATER_PAGE_MAX} B`);
    }
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
