import { test, expect } from "@playwright/test";
import { privateLinkFor } from "./mailbox";

// Burmese typed with a Zawgyi font: the form comes back with the text converted to Unicode and
// asks before saving anything (no JavaScript needed).
test.describe("Zawgyi on the registration form", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("the converted name is shown, then saved once confirmed", async ({ page, browser }) => {
    await page.goto("/events/access-to-justice-2027/register");
    await page.locator('[name="form[name_latin]"]').fill("Aung Aung");
    await page.locator('[name="form[name_native]"]').fill("ေအာင္ေအာင္");
    const email = `zawgyi.${Date.now()}@example.org`;
    await page.locator('[name="form[email]"]').fill(email);
    await page.locator('[name="form[country_code]"]').selectOption("MM");
    await page.locator('[name="form[consent]"]').check();
    await page.getByRole("button", { name: "Register", exact: true }).click();

    await expect(page).toHaveURL(/field=name_native&message=zawgyi/);
    await expect(page.locator(".zawgyi-converted")).toHaveText("အောင်အောင်");
    await expect(page.locator('[name="form[name_native]"]')).toHaveValue("ေအာင္ေအာင္");

    await page.getByRole("button", { name: "Use the converted text" }).click();
    await expect(page).toHaveURL(/\/register\?sent=1$/);
    await page.goto(await privateLinkFor(browser, email));
    await expect(page.locator('[name="form[name_native]"]')).toHaveValue("အောင်အောင်");
  });
});
