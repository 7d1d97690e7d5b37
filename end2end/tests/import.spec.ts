import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const slug = "advocacy-with-asean-2016";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function upload(page: Page, csv: string) {
  await page.goto(`/manage/events/${slug}/import`);
  await page.setInputFiles("#import-file", {
    name: "list.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf-8"),
  });
  await page.getByRole("button", { name: "Show the preview" }).click();
  await expect(page).toHaveURL(/preview=/);
}

test.describe("importing a participant list without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a coordinator sees a row's problem, corrects the file and imports it", async ({ page }) => {
    const tag = Date.now();
    const khmer = "សុខ ដារ៉ា";
    await signIn(page);

    await upload(page, `name,name_native,email,country\nSok Dara ${tag},${khmer},dara.${tag}@example.org,KH\nBad Row,,not-an-address,TH\n`);
    await expect(page.locator("tr.row-error")).toContainText("This does not look like an email address.");
    await expect(page.getByRole("alert").first()).toContainText("Nothing will be imported");
    await expect(page.getByRole("button", { name: /^Confirm the import/ })).toHaveCount(0);

    await upload(page, `name,name_native,email,country\nSok Dara ${tag},${khmer},dara.${tag}@example.org,KH\n`);
    await expect(page.locator(".import-preview")).toContainText(khmer);
    await page.getByRole("button", { name: "Confirm the import (1)" }).click();
    await expect(page.locator(".alert-success")).toContainText("1 registered");

    await page.goto(`/manage/events/${slug}/participants`);
    await expect(page.getByText(`Sok Dara ${tag}`)).toBeVisible();
  });
});
