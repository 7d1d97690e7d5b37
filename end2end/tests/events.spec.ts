import { test, expect } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

test.describe("public event pages without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the event list filters by year and kind, and an event shows its agenda by day", async ({ page }) => {
    await page.goto("/events");
    await page.getByLabel("Year").fill("2017");
    await page.getByLabel("Kind").selectOption("side_event");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/year=2017/);
    await page.getByRole("link", { name: "Bottom of ASEAN" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bottom of ASEAN");
    await expect(page.getByText("Saturday 11 November 2017").first()).toBeVisible();
    await expect(page.getByText("Asia/Manila (UTC+08:00)")).toBeVisible();
    await expect(page.locator(".agenda-session").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "ACSC/APF 2017" })).toBeVisible();
  });

  test("the calendar file downloads as text/calendar", async ({ request }) => {
    const res = await request.get("/events/bottom-of-asean-2017/calendar.ics");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/calendar");
    const body = await res.text();
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain("TZID=Asia/Manila");
  });
});

test("a coordinator creates an event, adds a session and publishes it", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/manage/events/new");
  // Bad input first: the error shows next to the field and nothing is saved.
  await page.getByLabel("Title", { exact: true }).fill("Side event on migrant health");
  await page.getByLabel("Starts", { exact: true }).fill("2027-05-12T14:00");
  await page.getByLabel("Ends", { exact: true }).fill("2027-05-12T12:00");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(".field-error").first()).toContainText("The end must come after the start");

  await page.getByLabel("Ends", { exact: true }).fill("2027-05-12T17:00");
  await page.getByLabel("Time zone", { exact: true }).fill("Asia/Yangon");
  await page.getByLabel("City", { exact: true }).fill("Yangon");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/manage\/events\/side-event-on-migrant-health$/);

  const add = page.locator("form.form-session").last();
  await add.getByLabel("Day", { exact: true }).fill("2027-05-12");
  await add.getByLabel("Start", { exact: true }).fill("14:30");
  await add.getByLabel("End", { exact: true }).fill("15:30");
  await add.getByLabel("Title", { exact: true }).fill("Panel: health care for migrant workers");
  await add.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Panel: health care for migrant workers").first()).toBeVisible();

  // A panelist who is not yet in the people list, with a name in Khmer script.
  await page.locator("details.agenda-session > summary").first().click();
  const speaker = page.locator("form.new-speaker").first();
  await speaker.getByLabel("Name (Latin script)").fill("Sok Dara");
  await speaker.getByLabel("Name in own script").fill("សុខ ដារា");
  await speaker.getByLabel("Organisation").fill("Legal Support for Children and Women");
  await speaker.getByLabel("Country code").fill("KH");
  await speaker.getByLabel("Role").selectOption("panelist");
  await speaker.getByRole("button", { name: "Add new person" }).click();
  await expect(page.getByText("Panelist: Sok Dara")).toBeAttached();

  await page.getByRole("button", { name: "Publish" }).click();
  await page.goto("/events/side-event-on-migrant-health");
  await expect(page.getByText("14:30–15:30")).toBeVisible();
  await expect(page.getByText("Asia/Yangon (UTC+06:30)")).toBeVisible();
  await expect(page.getByText("Sok Dara (សុខ ដារា)")).toBeVisible();
});

test.describe("with JavaScript in another time zone", () => {
  test.use({ timezoneId: "Europe/Oslo" });

  test("the agenda also shows the visitor's own time (the island hydrates)", async ({ page }) => {
    await page.goto("/events/advocacy-with-asean-2016");
    // 09:00 in Bangkok (UTC+7) is 04:00 in Oslo in June (UTC+2).
    await expect(page.locator(".viewer-time").first()).toHaveText("your time 04:00–04:45");
  });
});
