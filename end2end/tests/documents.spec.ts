import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
// The demo training (public; its proceedings are not published in the demo data).
const slug = "advocacy-with-asean-2016";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe("documentation without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a coordinator records a recommendation, sees an error for an empty one, and publishes the proceedings", async ({ page, request }) => {
    const anonymous = await request.get(`/events/${slug}/proceedings.pdf`);
    expect(anonymous.status()).toBe(404);

    await signIn(page);
    await page.goto(`/manage/events/${slug}/documentation`);
    await page.getByRole("button", { name: "Save" }).nth(1).click(); // the new recommendation, empty
    await expect(page.locator(".field-error")).toContainText("required");

    const text = "End the confiscation of migrant workers' passports in special economic zones";
    await page.getByLabel("New recommendation").fill(text);
    await page.getByLabel("Addressed to").last().fill("Ministry of Labour");
    await page.locator("form.recommendation").last().getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Recommendation 1")).toHaveValue(text);

    await page.getByLabel("Publish the proceedings").check();
    await page.locator("form", { has: page.locator("#doc-summary") }).getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Publish the proceedings")).toBeChecked();

    const published = await request.get(`/events/${slug}/proceedings.pdf`);
    expect(published.status()).toBe(200);
    expect(published.headers()["content-type"]).toBe("application/pdf");
    expect((await published.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
