// Sign-in: the right password lands on the home page, a wrong one shows why and stays put.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, newPage, signIn, assertNoProblems, text } = require("../lib/fleksi");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("pegawai signs in and lands on the home page", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signIn(page, "pegawai");
    assert.equal(new URL(page.url()).pathname, "/");
    assert.match(await page.title(), /^Beranda · Fleksi$/);
    assert.match(text(await page.textContent("h1")), /^Selamat datang, \S+/);
    // Signed in: the main menu and the sign-out button are there, the sign-in form is not.
    assert.equal(await page.locator("nav a[href='/'][aria-current=page]").count(), 1);
    assert.equal(await page.locator("form[action='/logout'] button").count(), 1);
    assert.equal(await page.locator("#password").count(), 0);
    // The session lives in a __Host- cookie the browser accepted over http://127.0.0.1.
    const cookies = await context.cookies();
    assert.ok(
      cookies.some((c) => c.name.startsWith("__Host-") && c.secure && c.httpOnly),
      `no __Host- session cookie: ${cookies.map((c) => c.name).join(", ")}`,
    );
    // A later visit stays signed in.
    await page.goto("/employees");
    assert.equal(new URL(page.url()).pathname, "/employees");
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});

test("a wrong password shows an error and keeps the login typed", async () => {
  const { context, page, problems } = await newPage(browser);
  try {
    await signIn(page, "pegawai", "surely-not-the-password");
    assert.equal(new URL(page.url()).pathname, "/login");
    const alert = page.locator("main [role=alert]");
    assert.equal(await alert.count(), 1);
    assert.equal(text(await alert.textContent()), "NIP/nama pengguna atau kata sandi salah.");
    assert.equal(await page.inputValue("#login"), "pegawai");
    assert.equal(await page.inputValue("#password"), "");
    // No session: the home page still sends the visitor to the sign-in form.
    await page.goto("/");
    assert.equal(new URL(page.url()).pathname, "/login");
    assertNoProblems(problems);
  } finally {
    await context.close();
  }
});
