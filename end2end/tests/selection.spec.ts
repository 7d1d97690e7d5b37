import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

// The demo training took applications; scoring changes nobody's status.
const selection = "/manage/events/advocacy-with-asean-2016/selection";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe("selection of trainees", () => {
  test("a reviewer scores an application and it rises to the top with its average", async ({ page }) => {
    await signIn(page);
    await page.goto(selection);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Selection");
    const rows = page.locator("table.selection tbody tr");
    await expect(rows.first()).toBeVisible();
    // Score the last application 5: with the best average it comes first.
    const last = rows.last();
    const name = (await last.locator("td strong").first().textContent())?.trim() ?? "";
    await last.getByLabel("My score").selectOption("5");
    await last.getByLabel("Comment").fill("Strong advocacy record");
    await last.getByRole("button", { name: "Save my review" }).click();
    await expect(page).toHaveURL(/\/selection/);
    const first = page.locator("table.selection tbody tr").first();
    await expect(first).toContainText(name);
    await expect(first).toContainText("5.00");
    await expect(first).toContainText("Strong advocacy record");
  });

  test("the decision form and the targets are there for coordinators", async ({ page }) => {
    await signIn(page);
    await page.goto(selection);
    await expect(page.getByLabel("Decision for the ticked people")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save targets" })).toBeVisible();
    await expect(page.locator('input[type="checkbox"][form="decide"]').first()).toBeVisible();
  });
});
