import { Browser, expect } from "@playwright/test";

// The public form never shows the private link: it goes by e-mail. Without a mail server
// the message waits in the outbox, where staff read it (as they forward it by hand).

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

/** The private page's path (`/r/…`) in the newest e-mail to `email`, read by a staff member. */
export async function privateLinkFor(browser: Browser, email: string): Promise<string> {
  const staff = await browser.newContext();
  const page = await staff.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/manage/outbox");
  const mail = page.locator("article", { hasText: email }).first();
  const link = (await mail.locator("pre").innerText()).match(/\/r\/[0-9a-f]{64}/)![0];
  await staff.close();
  return link;
}
