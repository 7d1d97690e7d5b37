import { test, expect, Page } from "@playwright/test";
import { privateLinkFor } from "./mailbox";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const slug = "access-to-justice-2027";
const label = "Which case clinic will you join?";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a coordinator adds a required question; a participant without JavaScript must answer it; the answer reaches the participant list", async ({
  page,
  browser,
}) => {
  await signIn(page);
  await page.goto(`/manage/events/${slug}/questions`);
  const newForm = page.locator("section.card form");
  await newForm.getByLabel("New question").fill(label);
  await newForm.getByLabel("Type of answer").selectOption("choice");
  await newForm.getByLabel("Options, one per line").fill("Labour rights\nLegal aid across borders");
  await newForm.getByLabel("Answer required").check();
  await newForm.getByRole("button", { name: "Add question" }).click();
  const saved = page.locator(".question-item", { has: page.locator(`input[value="${label}"]`) });
  await expect(saved).toHaveCount(1);

  // A participant on a phone, without JavaScript, skips the question first.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  await phone.goto(`/events/${slug}/register`);
  await phone.getByLabel("Name (Latin script) *").fill("Vong Sokha");
  await phone.getByLabel("Name in own script").fill("វង្ស សុខា");
  await phone.getByLabel("Email *").fill("vong.sokha@example.org");
  await phone.getByLabel("Country").selectOption("KH");
  await phone.getByLabel("I agree that my details").check();
  await phone.getByRole("button", { name: "Register" }).click();

  const question = phone.locator(".field.question", { hasText: label });
  await expect(question.locator(".field-error")).toHaveText("This field is required.");
  await expect(phone.getByLabel("Name in own script")).toHaveValue("វង្ស សុខា");

  await question.getByLabel(`${label} *`).selectOption("Legal aid across borders");
  await phone.getByLabel("I agree that my details").check();
  await phone.getByRole("button", { name: "Register" }).click();
  await expect(phone).toHaveURL(/\/register\?sent=1$/);
  await phone.goto(await privateLinkFor(browser, "vong.sokha@example.org"));
  // The private page keeps the answer, ready to be corrected.
  await expect(phone.locator(".field.question", { hasText: label }).locator("select")).toHaveValue(
    "Legal aid across borders",
  );
  await context.close();

  // The coordinator sees the answer in the participant list, then removes the question again.
  await page.goto(`/manage/events/${slug}/participants`);
  const row = page.locator("tr", { hasText: "Vong Sokha" });
  await expect(row).toContainText("Legal aid across borders");

  await page.goto(`/manage/events/${slug}/questions`);
  await saved.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator(`input[value="${label}"]`)).toHaveCount(0);
});
