import { test, expect, Page } from "@playwright/test";
import { readFileSync } from "node:fs";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe("the annual report without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("staff open Reports from the menu and download the demo's 2012 as CSV, Excel and PDF", async ({ page }) => {
    await signIn(page);
    await page.getByRole("link", { name: "Reports" }).click();
    await expect(page).toHaveURL(/\/manage\/reports$/);
    await page.getByLabel("Year").fill("2012");

    const csvDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tables (CSV)" }).click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toBe("annual-report-2012.csv");
    const text = readFileSync(await csv.path(), "utf8");
    expect(text).toContain("5th ASEAN Forum on Migrant Labour");
    expect(text).toContain("table: by_country");

    const xlsxDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tables (Excel)" }).click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe("annual-report-2012.xlsx");

    // The PDF opens inline: its answer is the document.
    const pdf = page.waitForResponse((r) => r.url().includes("/manage/reports/annual.pdf"));
    await page.getByRole("button", { name: "Report (PDF)" }).click();
    const answer = await pdf;
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-type"]).toBe("application/pdf");
    expect(answer.url()).toContain("year=2012");
  });

  test("a period that ends before it starts is refused with a message naming the field", async ({ page }) => {
    await signIn(page);
    await page.goto("/manage/reports");
    await page.getByLabel("From").fill("2012-06-01");
    await page.getByLabel("To").fill("2012-05-01");
    await page.getByRole("button", { name: "Tables (CSV)" }).click();
    await expect(page.locator("body")).toContainText("to: the end comes before the start");
  });
});
