import { test, expect } from "@playwright/test";
import { privateLinkFor } from "./mailbox";

test.describe("registration on a phone without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("an error keeps what was typed; then the person registers, opens the e-mailed private page and withdraws", async ({
    page,
    browser,
  }) => {
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
    // The same answer for any address: the private link goes by e-mail only.
    await expect(page).toHaveURL(/\/events\/access-to-justice-2027\/register\?sent=1$/);
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await page.goto(await privateLinkFor(browser, "nang.hseng@example.org"));
    await expect(page.locator(".status")).toHaveText("Confirmed");

    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.locator(".status")).toHaveText("Withdrawn");
  });
});

test.describe("the region list with JavaScript", () => {
  test("offers only the chosen country's regions and forgets one of another country", async ({ page }) => {
    await page.goto("/events/access-to-justice-2027/register");
    const region = page.getByLabel("Region or province");
    await page.getByLabel("Country").selectOption("MM");
    await expect(page.locator('optgroup[data-country="MM"]')).toHaveJSProperty("disabled", false);
    await expect(page.locator('optgroup[data-country="TH"]')).toHaveJSProperty("disabled", true);
    await region.selectOption("MM-17");
    await expect(region.locator("option:checked")).toHaveText("Shan");
    await page.getByLabel("Country").selectOption("TH");
    await expect(region).toHaveValue("");
    await expect(page.locator('optgroup[data-country="MM"]')).toHaveJSProperty("disabled", true);
    await expect(page.locator('optgroup[data-country="TH"]')).toHaveJSProperty("disabled", false);
  });
});
