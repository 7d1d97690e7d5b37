import { test, expect } from "@playwright/test";

test.describe("registration on a phone without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("an error keeps what was typed; then the person registers, sees the private page and withdraws", async ({ page }) => {
    await page.goto("/events/access-to-justice-2027");
    await page.getByRole("link", { name: "Register" }).first().click();
    await expect(page).toHaveURL(/\/events\/access-to-justice-2027\/register$/);

    await page.getByLabel("Name (Latin script) *").fill("Nang Hseng");
    await page.getByLabel("Name in own script").fill("နန်းဆိုင်");
    await page.getByLabel("Email *").fill("nang-hseng-at-example.org");
    await page.getByLabel("Country").selectOption("MM");
    await page.getByLabel("I agree that my details").check();
    await page.getByRole("button", { name: "Register" }).click();

    // Back on the form: the message sits next to the field, and nothing was lost.
    await expect(page.locator("#email-error")).toContainText("does not look like an email address");
    await expect(page.getByLabel("Name (Latin script) *")).toHaveValue("Nang Hseng");
    await expect(page.getByLabel("Name in own script")).toHaveValue("နန်းဆိုင်");

    await page.getByLabel("Email *").fill("nang.hseng@example.org");
    await page.getByLabel("I agree that my details").check();
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page).toHaveURL(/\/r\/[0-9a-f]{64}\?welcome=1$/);
    await expect(page.getByText("Thank you: you are registered")).toBeVisible();
    await expect(page.locator(".status")).toHaveText("Confirmed");

    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.locator(".status")).toHaveText("Withdrawn");
  });
});
