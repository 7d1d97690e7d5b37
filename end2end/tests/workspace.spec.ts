import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const TRAINING = "advocacy-with-asean-2016";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Every entry of the workspace that is a page of it, with the key the page marks. */
const PAGES: [string, string][] = [
  ["details", ""],
  ["questions", "/questions"],
  ["translations", "/translations"],
  ["interpretation", "/interpretation"],
  ["invitations", "/invitations"],
  ["selection", "/selection"],
  ["import", "/import"],
  ["checkin", "/checkin"],
  ["attendance", "/attendance"],
  ["documentation", "/documentation"],
  ["cohort", "/cohort"],
  ["followup", "/followup"],
  ["participants", "/participants"],
  ["forum", "/forum"],
  ["delegation", "/delegation"],
  ["travel", "/travel"],
  ["travel/rooms", "/travel/rooms"],
  ["travel/payments", "/travel/payments"],
];

test.describe("the event workspace without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every page of an event shows the same grouped navigation, with the page marked", async ({ page }) => {
    await signIn(page);
    for (const [key, path] of PAGES) {
      await page.goto(`/manage/events/${TRAINING}${path}`);
      const nav = page.getByRole("navigation", { name: "Event workspace" });
      await expect(nav, `${key} has the workspace`).toBeVisible();
      for (const group of ["Before", "On the day", "After", "People"]) {
        await expect(nav.getByText(group, { exact: true })).toBeVisible();
      }
      await expect(nav.locator(`li[data-entry="${key}"] a`)).toHaveAttribute("aria-current", "page");
      await expect(nav.locator("a[aria-current=page]")).toHaveCount(1);
    }
    // Links move between the pages; counts sit beside them.
    await page.goto(`/manage/events/${TRAINING}`);
    const nav = page.getByRole("navigation", { name: "Event workspace" });
    await expect(nav.locator('li[data-entry="participants"]')).toContainText("confirmed");
    await expect(nav.locator('li[data-entry="details"]')).toContainText("40");
    await nav.getByRole("link", { name: "Selection", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/manage/events/${TRAINING}/selection$`));
    await nav.getByRole("link", { name: "Follow-up", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/manage/events/${TRAINING}/followup$`));
    const sheets = await nav.getByRole("link", { name: "Sign-in sheets" }).getAttribute("href");
    const res = await page.request.get(sheets!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
  });

  test("on a phone the navigation fits the screen", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page);
    await page.goto(`/manage/events/${TRAINING}/checkin`);
    const nav = page.getByRole("navigation", { name: "Event workspace" });
    await expect(nav).toBeVisible();
    // Folded into one line naming the page, so the check-in list starts on the first screen.
    await expect(nav.getByRole("link", { name: "Attendance", exact: true })).toBeHidden();
    await expect(nav.locator("summary")).toContainText("Check-in");
    const folded = await nav.boundingBox();
    expect(folded!.height).toBeLessThan(120);
    await nav.locator("summary").click();
    const box = await nav.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await nav.getByRole("link", { name: "Attendance", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/manage/events/${TRAINING}/attendance$`));
  });

  test("a past event's public page says it is over and offers no registration", async ({ page }) => {
    await page.goto("/events/acsc-apf-2017");
    await expect(page.getByRole("status")).toContainText("This event is over.");
    await expect(page.getByRole("link", { name: "Register" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Add to calendar" })).toBeVisible();
    // An event still to come keeps its registration.
    await page.goto("/events/access-to-justice-2027");
    await expect(page.getByRole("link", { name: "Register" }).first()).toBeVisible();
    await expect(page.getByText("This event is over.")).toHaveCount(0);
  });
});

function local(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test("the dashboard lists an event next week without a published agenda, and leads to it", async ({ page }) => {
  await signIn(page);
  const start = new Date(Date.now() + 6 * 86_400_000);
  start.setHours(9, 0, 0, 0);
  const end = new Date(start.getTime() + 8 * 3_600_000);
  const title = `Consultation on recruitment fees ${Date.now() % 100000}`;
  await page.goto("/manage/events/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Starts", { exact: true }).fill(local(start));
  await page.getByLabel("Ends", { exact: true }).fill(local(end));
  await page.getByLabel("Time zone", { exact: true }).fill("Asia/Bangkok");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/manage\/events\/consultation-on-recruitment-fees-\d+$/);
  const workspace = page.url();

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "What needs doing" })).toBeVisible();
  const item = page.locator('li[data-todo="agenda"]').filter({ hasText: title });
  await expect(item).toContainText("the agenda is not published");
  await item.getByRole("link").click();
  await expect(page).toHaveURL(workspace);
  await expect(page.getByRole("navigation", { name: "Event workspace" })).toBeVisible();

  // Published with a session, it leaves the list.
  const add = page.locator("form.form-session").last();
  await add.getByLabel("Day", { exact: true }).fill(local(start).slice(0, 10));
  await add.getByLabel("Start", { exact: true }).fill("09:30");
  await add.getByLabel("End", { exact: true }).fill("11:00");
  await add.getByLabel("Title", { exact: true }).fill("Opening");
  await add.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Opening").first()).toBeVisible();
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/set_event_status")),
    page.getByRole("button", { name: "Publish" }).click(),
  ]);
  await page.waitForLoadState("load");
  await page.goto("/dashboard");
  await expect(page.locator('li[data-todo="agenda"]').filter({ hasText: title })).toHaveCount(0);
});
