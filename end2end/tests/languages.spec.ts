import { test, expect } from "@playwright/test";
import { readFileSync } from "fs";
import { join } from "path";
import { privateLinkFor } from "./mailbox";

/** The one-line messages of one catalogue, read from the same files the server uses (the
 * indented lines of a plural form's variants are skipped). */
function catalogue(tag: string): Record<string, string> {
  const text = readFileSync(join(__dirname, "..", "..", "i18n", "locales", `${tag}.ftl`), "utf8");
  const messages: Record<string, string> = {};
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#") || /^\s/.test(line)) continue;
    const at = line.indexOf("=");
    messages[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return messages;
}

test.describe("registration in Thai, Burmese and Khmer without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  for (const [tag, name, native] of [
    ["th", "Somchai Jaidee", "สมชาย ใจดี"],
    ["my", "Aung Ko Ko", "အောင်ကိုကို"],
    ["km", "Sok Chenda", "សុខ ចិន្តា"],
  ]) {
    test(`in ${tag}`, async ({ page, browser }) => {
      const m = catalogue(tag);
      await page.goto("/events/access-to-justice-2027");
      await page.goto(`/lang/${tag}`);
      await expect(page.locator("html")).toHaveAttribute("lang", tag);
      await page.goto("/events/access-to-justice-2027/register");
      await expect(page.locator("html")).toHaveAttribute("lang", tag);
      await expect(page.getByRole("button", { name: m["register-submit"] })).toBeVisible();

      await page.locator('[name="form[name_latin]"]').fill(name);
      await page.locator('[name="form[name_native]"]').fill(native);
      const email = `${tag}.${Date.now()}@example.org`;
      await page.locator('[name="form[email]"]').fill(email);
      await page.locator('[name="form[country_code]"]').selectOption(tag === "th" ? "TH" : tag === "my" ? "MM" : "KH");
      // Without consent: refused, with the message in this language, and nothing lost.
      await page.getByRole("button", { name: m["register-submit"] }).click();
      await expect(page.locator("#consent-error")).toHaveText(m["error-consent-required"]);
      await expect(page.locator('[name="form[name_native]"]')).toHaveValue(native);

      await page.locator('[name="form[consent]"]').check();
      await page.getByRole("button", { name: m["register-submit"] }).click();
      await expect(page).toHaveURL(/\/register\?sent=1$/);
      await expect(page.getByRole("heading", { name: m["register-check-email"] })).toBeVisible();
      await page.goto(await privateLinkFor(browser, email));
      await expect(page.locator(".status")).toHaveText(m["reg-status-confirmed"]);
    });
  }
});
