import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const forum = "afml-20-2027";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a coordinator schedules a side event at the AFML, sees its clashes, and saves it anyway", async ({ page }) => {
  const tag = Date.now();
  const title = `Migrant health ${tag}`;
  await signIn(page);
  await page.goto(`/manage/events/${forum}/forum`);
  await expect(page.getByText("Times in the forum's time zone (Asia/Singapore).")).toBeVisible();
  const day = page.locator("table.forum-day").first();
  await expect(day).toContainText("Plenary 2: social protection across borders");
  await expect(day).toContainText("14:00–15:30");

  const form = page.locator("#side-event-form");
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Day").selectOption("2027-10-26");
  await form.getByLabel("Start").fill("14:15");
  await form.getByLabel("End").fill("15:00");
  await form.getByLabel("Room").fill("Main hall");
  const kanokwan = await page.locator("#se-speaker_1 option", { hasText: "Kanokwan Phromma" }).getAttribute("value");
  await page.locator("#se-speaker_1").selectOption(kanokwan ?? "");

  // Check first: the clashes are listed beside the form; the typed values stay.
  await form.getByRole("button", { name: "Check for clashes" }).click();
  const warnings = page.locator("#side-event-form .clash-warnings");
  await expect(warnings).toContainText("Same room as “Plenary 2: social protection across borders” (Main hall).");
  await expect(warnings).toContainText("Kanokwan Phromma already speaks at “Plenary 2");
  await expect(warnings).toContainText("which the delegation must attend");
  await expect(page.locator("#se-title")).toHaveValue(title);

  // Save anyway: the side event is in the day's programme and its clashes are still named.
  await page.locator("#side-event-form").getByRole("button", { name: "Save the side event" }).click();
  await expect(page).toHaveURL(/created=migrant-health-/);
  await expect(page.getByText("The side event is saved as a draft.")).toBeVisible();
  await expect(page.locator("#side-event-form .clash-warnings")).toContainText("which the delegation must attend");
  await expect(page.locator("table.forum-day").first()).toContainText(title);
});

test("the public AFML page lists the editions, side events and published recommendations", async ({ page }) => {
  await page.goto("/series/afml");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("ASEAN Forum on Migrant Labour");
  await expect(page.locator("#edition-5")).toContainText("Siem Reap, Cambodia");
  await expect(page.locator("#edition-5")).toContainText("Towards Effective Recruitment Practices and Regulations");
  await expect(page.locator("#edition-5 .recommendations")).toContainText("end recruitment fees");
  await expect(page.locator("#edition-20 .side-events")).toContainText("Social protection for returning migrants");
});

test("staff correct a step of a recommendation, then remove one, and its status follows the latest step", async ({ page }) => {
  await signIn(page);
  await page.goto("/manage/recommendations");
  const row = page.locator("section.tracked").filter({ hasText: "end recruitment fees" });
  await expect(row).toHaveCount(1);
  await expect(row.locator(".tracking-status")).toHaveText("Reflected in an outcome");
  const reflected = row.locator("ol.history > li").filter({ hasText: "Reflected in the recommendations of the 5th AFML." });
  const raised = row.locator("ol.history > li").filter({ hasText: "Raised at the 5th AFML." });

  // A step without a day is refused next to its field, and nothing changes.
  await reflected.getByText("Correct or remove").click();
  await reflected.getByLabel("Date").fill("");
  await reflected.getByRole("button", { name: "Save the step" }).click();
  const again = page.locator("section.tracked").filter({ hasText: "end recruitment fees" });
  const step = again.locator("ol.history > li").filter({ hasText: "Reflected in the recommendations of the 5th AFML." });
  await expect(step.locator(".field-error")).toHaveText("This field is required.");
  await expect(again.locator(".tracking-status")).toHaveText("Reflected in an outcome");

  // Dated before the raising, the reflection is no longer the latest step: the status is "Raised".
  await step.getByLabel("Date").fill("2012-10-01");
  await step.getByLabel("Note").fill("Partly reflected in the Consensus.");
  await step.getByRole("button", { name: "Save the step" }).click();
  await expect(page).toHaveURL(/saved=/);
  await expect(row.locator(".tracking-status")).toHaveText("Raised");
  await expect(row.locator("ol.history")).toContainText("Partly reflected in the Consensus.");

  // Removing the raising leaves the reflection as the latest step; the 4th's history stays.
  await raised.getByText("Correct or remove").click();
  await raised.getByRole("button", { name: "Remove this step" }).click();
  await expect(page).toHaveURL(/saved=/);
  await expect(row.locator(".tracking-status")).toHaveText("Reflected in an outcome");
  await expect(row.locator("ol.history")).not.toContainText("Raised at the 5th AFML.");
  await expect(row.locator("ol.history")).toContainText("No response from the governments by mid-2012.");
});
