import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

// The demo training: every trainee signed the sheet on 6 June 2016 except Prasert.
const checkin = "/manage/events/advocacy-with-asean-2016/checkin?slot=2016-06-06";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe("check-in on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a coordinator finds a trainee, checks them in, reloads, and undoes it", async ({ page }) => {
    await signIn(page);
    await page.goto(checkin);
    const row = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    const others = page.locator(".checkin-row", { hasText: "Keo Sreymom" });

    // The search filters in the browser, by Latin or Thai name.
    await page.getByPlaceholder("Search name or organisation").fill("ประเสริฐ");
    await expect(row).toBeVisible();
    await expect(others).toBeHidden();

    await expect(row.getByRole("button", { name: "Check in" })).toBeVisible();
    const saved = page.waitForResponse((r) => r.url().endsWith("/api/set_attendance") && r.status() === 200);
    await row.getByRole("button", { name: "Check in" }).click();
    await saved;
    await expect(row).toHaveClass(/is-present/);
    await expect(row).not.toHaveClass(/is-saving|is-failed/);

    await page.reload();
    const again = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(again).toHaveClass(/is-present/);
    await expect(again.getByRole("button", { name: "✓ Present" })).toBeVisible();

    const undone = page.waitForResponse((r) => r.url().endsWith("/api/set_attendance") && r.status() === 200);
    await again.getByRole("button", { name: "Undo" }).click();
    await undone;
    await expect(again).not.toHaveClass(/is-present/);
    await page.reload();
    await expect(
      page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" }).getByRole("button", { name: "Check in" }),
    ).toBeVisible();
  });

  test("a failed tap stays marked and is retried until it is saved", async ({ page }) => {
    await signIn(page);
    await page.goto(checkin);
    const row = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(row.getByRole("button", { name: "Check in" })).toBeVisible();
    // The first attempt fails on the network; the automatic retry goes through.
    let failed = 0;
    await page.route("**/api/set_attendance", async (route) => {
      if (failed === 0) {
        failed += 1;
        await route.abort("failed");
      } else {
        await route.continue();
      }
    });
    await row.getByRole("button", { name: "Check in" }).click();
    await expect(row).toHaveClass(/is-failed/);
    await expect(row).toContainText("Not saved");
    await expect(row).not.toHaveClass(/is-failed|is-saving/, { timeout: 10_000 });
    await page.unroute("**/api/set_attendance");
    await page.reload();
    const after = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(after).toHaveClass(/is-present/);
    // Leave the demo data as it was.
    await after.getByRole("button", { name: "Undo" }).click();
    await expect(after).not.toHaveClass(/is-present/);
    await expect(after).not.toHaveClass(/is-saving/);
  });
});

test.describe("check-in when the page is closed before a tap is saved", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the unsaved tap is sent again when the list is next opened", async ({ page, context }) => {
    await signIn(page);
    await page.goto(checkin);
    const row = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(row.getByRole("button", { name: "Check in" })).toBeVisible();
    // No request gets through: the tap stays marked as not saved...
    await page.route("**/api/set_attendance", (route) => route.abort("failed"));
    await row.getByRole("button", { name: "Check in" }).click();
    await expect(row).toHaveClass(/is-failed/);
    // ...and the phone closes the page before any retry succeeds.
    await page.close();

    const again = await context.newPage();
    await again.goto(checkin);
    const resent = again.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(resent).toHaveClass(/is-present/);
    await expect(resent).not.toHaveClass(/is-saving|is-failed/, { timeout: 10_000 });
    // The server has it: a fresh load shows the person present.
    await again.reload();
    const stored = again.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await expect(stored.getByRole("button", { name: "✓ Present" })).toBeVisible();
    // Leave the demo data as it was.
    const undone = again.waitForResponse((r) => r.url().endsWith("/api/set_attendance") && r.status() === 200);
    await stored.getByRole("button", { name: "Undo" }).click();
    await undone;
    await expect(stored).not.toHaveClass(/is-present|is-saving/);
  });
});

test.describe("check-in on a slow phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("a name typed before the list comes to life still filters it", async ({ page }) => {
    await signIn(page);
    // The wasm arrives late, as on a slow line: the search box is there first.
    await page.route("**/*.wasm", async (route) => {
      await new Promise((done) => setTimeout(done, 1500));
      await route.continue();
    });
    const loaded = page.waitForResponse((r) => r.url().endsWith(".wasm"));
    await page.goto(checkin);
    await page.getByPlaceholder("Search name or organisation").fill("Prasert");
    await loaded;
    await expect(page.locator(".checkin-row", { hasText: "Keo Sreymom" })).toBeHidden();
    await expect(page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" })).toBeVisible();
    await expect(page.getByPlaceholder("Search name or organisation")).toHaveValue("Prasert");
  });

  test("the search button asks the server, and the list keeps the search", async ({ page }) => {
    await signIn(page);
    await page.goto(checkin);
    await page.getByPlaceholder("Search name or organisation").fill("Prasert");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/checkin\?slot=2016-06-06&q=Prasert$/);
    await expect(page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" })).toBeVisible();
    // Not hidden in the page: not sent at all.
    await expect(page.locator(".checkin-row", { hasText: "Keo Sreymom" })).toHaveCount(0);
    await expect(page.getByPlaceholder("Search name or organisation")).toHaveValue("Prasert");
  });
});

test.describe("check-in without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

  test("each button is a small form that comes back to the list", async ({ page }) => {
    await signIn(page);
    await page.goto(checkin);
    const row = page.locator(".checkin-row", { hasText: "Prasert Chaiyaphum" });
    await row.getByRole("button", { name: "Check in" }).click();
    await expect(page).toHaveURL(/checkin\?slot=2016-06-06$/);
    await expect(row.getByRole("button", { name: "✓ Present" })).toBeVisible();
    await row.getByRole("button", { name: "Undo" }).click();
    await expect(row.getByRole("button", { name: "Check in" })).toBeVisible();
  });
});
