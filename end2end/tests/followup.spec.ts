import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

// The demo training ran 4-8 June 2016; Keo Sreymom missed its last day.
const training = "advocacy-with-asean-2016";
const lastDay = `/manage/events/${training}/checkin?slot=2016-06-08`;
const phone = { width: 390, height: 844 };

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.use({ viewport: phone });

test("check in on a phone, print certificates, and a trainee's follow-up answer reaches the dashboard", async ({
  page,
  browser,
}) => {
  await signIn(page);

  // 1. Check a trainee in on the last day, from the phone.
  await page.goto(lastDay);
  const keo = page.locator(".checkin-row", { hasText: "Keo Sreymom" });
  await page.getByPlaceholder("Search name or organisation").fill("Keo");
  const saved = page.waitForResponse((r) => r.url().endsWith("/api/set_attendance") && r.status() === 200);
  await keo.getByRole("button", { name: "Check in" }).click();
  await saved;
  await expect(keo).toHaveClass(/is-present/);

  // 2. The cohort page counts her five days, and prints the certificates.
  await page.goto(`/manage/events/${training}/cohort`);
  const row = page.locator("tr", { hasText: "Keo Sreymom" });
  await expect(row).toContainText("5 / 5");
  const href = await page.getByRole("link", { name: "Certificates (trainees who completed)" }).getAttribute("href");
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // 3. The coordinator plans follow-up check-ins and e-mails Keo the link to the first.
  await page.goto(`/manage/events/${training}/followup`);
  await page.getByLabel("Months after the training (e.g. 1, 3, 6)").fill("1, 3, 6");
  await page.getByRole("button", { name: "Save", exact: true }).first().click();
  await expect(page.getByText("Check-ins 1, 3, 6 months after the last day")).toBeVisible();
  const checkin = page.locator("tr", { hasText: "Keo Sreymom" }).filter({ hasText: "1 months after" });
  await checkin.getByRole("button", { name: "E-mail the link" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // Without a mail server the message waits in the outbox, where staff can read it.
  await page.goto("/manage/outbox");
  const mail = page.locator("article", { hasText: "keo.sreymom@example.org" }).first();
  const link = (await mail.locator("pre").innerText()).match(/\/r\/[0-9a-f]{64}/)![0];

  // 4. Keo, on her own phone and not signed in, answers through the private link.
  const trainee = await browser.newContext({ viewport: phone });
  const her = await trainee.newPage();
  await her.goto(link);
  const first = her.locator("#followup-1");
  await first.getByLabel("What advocacy have you done since the training?").fill(
    "Presented the recruitment-fee findings to the Ministry of Labour",
  );
  await first.getByLabel("With which ASEAN body, government office or other institution?").fill("ក្រសួងការងារ");
  await first.getByRole("button", { name: "Send my answers" }).click();
  await expect(her.getByText("Thank you: your answers are saved.")).toBeVisible();
  await expect(her.locator("#followup-1 textarea").first()).toHaveValue(/recruitment-fee findings/);
  await trainee.close();

  // 5. The answer shows on the staff dashboard of follow-ups.
  await page.goto("/manage/followups");
  const answered = page.locator("section.followups-answered");
  await expect(answered).toContainText("Keo Sreymom");
  await expect(answered).toContainText("recruitment-fee findings");
  await expect(answered).toContainText("ក្រសួងការងារ");

  // Leave the demo data's attendance as it was.
  await page.goto(lastDay);
  await page.getByPlaceholder("Search name or organisation").fill("Keo");
  const undone = page.waitForResponse((r) => r.url().endsWith("/api/set_attendance") && r.status() === 200);
  await page.locator(".checkin-row", { hasText: "Keo Sreymom" }).getByRole("button", { name: "Undo" }).click();
  await undone;
});
