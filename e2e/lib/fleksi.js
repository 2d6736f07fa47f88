// Shared helpers for the browser tests: launch Debian's Chromium through playwright-core,
// sign in through the real form, and read what a person sees.
"use strict";

const assert = require("node:assert/strict");
const { chromium } = require("playwright-core");

const BASE_URL = (process.env.FLEKSI_E2E_URL || "http://127.0.0.1:8080").replace(/\/$/, "");
const PASSWORD = process.env.FLEKSI_DEMO_PASSWORD || "fleksi-demo-2026";
const CHROMIUM = process.env.FLEKSI_E2E_CHROMIUM || "/usr/bin/chromium";

// No browser download: playwright-core drives the system Chromium. Playwright gives every
// launch a fresh temporary profile (user-data-dir) of its own and removes it on close.
// The flags keep Chromium from reaching any host but the server under test.
async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// A fresh context (own cookies, own cache). Unless `options.bypassCSP` is set, the page runs
// under the app's real Content-Security-Policy, and every console error or uncaught page
// error (a CSP violation shows up as one) is collected so a test can assert there is none.
async function newPage(browser, options = {}) {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: "id-ID", ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return { context, page, problems };
}

// Signs in through the form, as a person would, and waits for the page after it.
async function signIn(page, login, password = PASSWORD) {
  await page.goto("/login");
  await page.fill("#login", login);
  await page.fill("#password", password);
  // The next document's load event: the home page after the redirect, or the form again.
  await Promise.all([page.waitForEvent("load"), page.click("form[action='/login'] button[type=submit]")]);
}

// Signs in and checks it worked: the sign-in form is gone and the session cookie is set.
async function signInOk(page, login) {
  await signIn(page, login);
  const path = new URL(page.url()).pathname;
  assert.notEqual(path, "/login", `sign-in as ${login} stayed on /login`);
}

// Console errors and page errors, less the browser's own note on a deliberate 4xx answer
// (a refused sign-in is a 401, a refused import a 422: the page is still the expected one).
function assertNoProblems(problems) {
  const real = problems.filter(
    (p) => !/Failed to load resource: the server responded with a status of 4(01|22)/.test(p),
  );
  assert.deepEqual(real, [], "the page logged errors (a CSP violation shows up here)");
}

function text(s) {
  return (s || "").replace(/\s+/g, " ").trim();
}

module.exports = { BASE_URL, PASSWORD, launch, newPage, signIn, signInOk, assertNoProblems, text };
