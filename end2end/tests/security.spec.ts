import { test, expect, Page } from "@playwright/test";
import { privateLinkFor } from "./mailbox";

// The main journeys with JavaScript on, under the Content-Security-Policy Sala sends:
// no script, style or wasm may be refused by it, and what needs JavaScript still works.

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

/** Collects every policy violation the page reports, from the DOM event and the console. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) seen.push(msg.text());
  });
  page.on("pageerror", (err) => seen.push(`page error: ${err.message}`));
  page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Refused to run: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return seen;
}

test.describe("under the Content-Security-Policy", () => {
  test.use({ timezoneId: "Europe/Oslo", viewport: { width: 390, height: 844 } });

  test("a participant reads an event, sees their own time, registers and withdraws", async ({ page, browser }) => {
    const violations = watchViolations(page);
    const res = await page.goto("/");
    // A public page is kept for every visitor: its policy names its inline scripts by their
    // SHA-256, never a nonce that another visitor would then share.
    const policy = res?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("'sha256-");
    expect(policy).not.toContain("'nonce-");
    await page.goto("/events/advocacy-with-asean-2016");
    // The few lines of inline script (named by their hash) fill in the visitor's time.
    await expect(page.locator(".viewer-time").first()).toHaveText("your time 04:00–04:45");
    await page.goto("/events/access-to-justice-2027/register");
    await page.getByLabel("Name (Latin script) *").fill("Lwin Lwin Oo");
    await page.getByLabel("Email *").fill("lwin.lwin.oo@example.org");
    await page.getByLabel("Country").selectOption("MM");
    await page.getByLabel("I agree that my details").check();
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page).toHaveURL(/\/register\?sent=1$/);
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await page.goto(await privateLinkFor(browser, "lwin.lwin.oo@example.org"));
    await page.getByRole("button", { name: "Withdraw my registration" }).click();
    await expect(page.locator(".status")).toHaveText("Withdrawn");
    expect(violations).toEqual([]);
  });

  test("staff sign in and check a trainee in with the island's wasm", async ({ page }) => {
    const violations = watchViolations(page);
    await page.goto("/login");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/manage/events/advocacy-with-asean-2016");
    await page.goto("/manage/events/advocacy-with-asean-2016/participants");
    const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm") && r.status() === 200);
    await page.goto("/manage/events/advocacy-with-asean-2016/checkin?slot=2016-06-07");
    await wasm;
    // Typing filters in the browser: only the hydrated island does that.
    const row = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await page.getByPlaceholder("Search name or organisation").fill("ประเสริฐ");
    await expect(page.locator(".checkin-row", { hasText: "Keo Sreymom" })).toBeHidden();
    await expect(row).toBeVisible();
    expect(violations).toEqual([]);
  });
});
