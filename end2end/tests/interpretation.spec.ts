import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const slug = "access-to-justice-2027";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a participant ticks the languages they need; a coordinator assigns an interpreter and the agenda names the language", async ({
  page,
  browser,
}) => {
  const tag = Date.now();
  // A participant on a phone, without JavaScript, ticks Thai and Burmese from the list.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  await phone.goto(`/events/${slug}/register`);
  await phone.getByLabel("Name (Latin script) *").fill(`Mya Thida ${tag}`);
  await phone.getByLabel("Email *").fill(`mya.${tag}@example.org`);
  await phone.getByLabel("Country").selectOption("MM");
  const spoken = phone.getByRole("group", { name: "Languages you speak" });
  await spoken.getByLabel("Burmese").check();
  await spoken.getByLabel("S'gaw Karen").check();
  const needed = phone.getByRole("group", { name: "Interpretation you need" });
  await needed.getByLabel("Thai").check();
  await phone.getByLabel("I agree that my details").check();
  await phone.getByRole("button", { name: "Register" }).click();
  await expect(phone).toHaveURL(/\/register\?sent=1$/);
  await context.close();

  // An interpreter joins through the import page.
  await signIn(page);
  await page.goto(`/manage/events/${slug}/import`);
  await page.setInputFiles("#import-file", {
    name: "interpreters.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`name,email,country,role\nSomchai Interpreter ${tag},somchai.${tag}@example.org,TH,interpreter\n`, "utf-8"),
  });
  await page.getByRole("button", { name: "Show the preview" }).click();
  await page.getByRole("button", { name: "Confirm the import (1)" }).click();
  await expect(page.locator(".alert-success")).toContainText("1 registered");

  // The coordinator sees Thai needed, and assigns the interpreter to the first session.
  await page.goto(`/manage/events/${slug}/interpretation`);
  await expect(page.locator(".interpretation-needs tr[data-language='th']")).toContainText("Participants:");
  const session = page.locator("section.interpretation-session").first();
  const title = (await session.locator("h3").innerText()).trim();
  await session.getByLabel("Language").selectOption("th");
  await session.getByLabel("Interpreter").selectOption({ label: `Somchai Interpreter ${tag}` });
  await session.getByRole("button", { name: "Assign" }).click();
  await expect(page.locator(".alert-success")).toContainText("The interpretation plan is saved.");
  await expect(page.locator("section.interpretation-session").first().locator("tr[data-language='th']")).toContainText(
    `Somchai Interpreter ${tag}`,
  );

  // The plan prints; the public agenda names the session's interpreted language.
  const pdf = await page.request.get(`/events/${slug}/interpretation.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const pageOfEvent = await visitor.newPage();
  await pageOfEvent.goto(`/events/${slug}`);
  // The heading is "<date> 09:00–09:30 <session title>": the agenda row carries the title.
  const sessionTitle = title.replace(/^.*\d\d:\d\d–\d\d:\d\d\s+/, "");
  const row = pageOfEvent.locator(".agenda-session", { hasText: sessionTitle });
  await expect(row.locator(".agenda-interpretation").first()).toContainText("Thai");
  await visitor.close();
});
