import { test, expect, Page } from "@playwright/test";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a coordinator starts a series, adds an edition as a new event and sees it on the public page once published", async ({ page }) => {
  const tag = Date.now();
  const slug = `gfmd-${tag}`;
  const edition = `GFMD Civil Society Days ${tag}`;
  await signIn(page);
  // The top navigation leads to the series.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Series" }).click();
  await expect(page).toHaveURL(/\/manage\/series$/);
  await expect(page.getByRole("link", { name: "ASEAN Forum on Migrant Labour (AFML)" })).toBeVisible();

  // Bad input first: the message is next to the field and what was typed stays.
  const create = page.locator("#new-series");
  await create.getByLabel("Address").fill("Not an address");
  await create.getByLabel("Acronym").fill("GFMD");
  await create.getByRole("button", { name: "Create the series" }).click();
  await expect(page.locator("#new-series .field-error")).toHaveText("This field is required.");
  await expect(page.locator("#new-series").getByLabel("Acronym")).toHaveValue("GFMD");
  await page.locator("#new-series").getByLabel("Name").fill("Global Forum on Migration and Development");
  await page.locator("#new-series").getByRole("button", { name: "Create the series" }).click();
  await expect(page.locator("#new-series .field-error")).toHaveText("Use lower-case letters, digits and hyphens only.");
  await page.locator("#new-series").getByLabel("Address").fill(slug);
  await page.locator("#new-series").getByLabel("Description").fill("A state-led process with civil society days.");
  await page.locator("#new-series").getByRole("button", { name: "Create the series" }).click();
  await expect(page).toHaveURL(new RegExp(`/manage/series/${slug}\\?saved=1$`));
  await expect(page.getByText("The series is saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Global Forum on Migration and Development (GFMD)");

  // An edition as a new event: a duplicate number is refused once there is one.
  const add = page.locator("#new-edition");
  await expect(add.getByLabel("Number")).toHaveValue("1");
  await add.getByLabel("Title").fill(edition);
  await add.getByLabel("Number").fill("12");
  await add.getByLabel("Host country").selectOption({ label: "Philippines" });
  await add.getByLabel("City").fill("Manila");
  await add.getByLabel("Starts", { exact: true }).fill("2028-01-28T09:00");
  await add.getByLabel("Ends", { exact: true }).fill("2028-01-30T17:00");
  await add.getByLabel("Time zone").fill("Asia/Manila");
  await add.getByLabel("Theme").fill("Migration that works for all");
  await add.getByRole("button", { name: "Add the edition" }).click();
  await expect(page.getByText("The edition is saved as a draft event.")).toBeVisible();
  const card = page.locator("li.edition-admin").filter({ hasText: edition });
  await expect(card).toContainText("Edition 12");
  await expect(card).toContainText("Manila, Philippines");
  await expect(card).toContainText("Migration that works for all");
  await expect(card).toContainText("Not on the public page yet");
  await expect(card.getByRole("link", { name: "Forum schedule" })).toHaveAttribute("href", /\/forum$/);
  await expect(card.getByRole("link", { name: "Delegation" })).toHaveAttribute("href", /\/delegation$/);

  const again = page.locator("#new-edition");
  await again.getByLabel("Title").fill(`${edition} again`);
  await again.getByLabel("Number").fill("12");
  await again.getByLabel("Starts", { exact: true }).fill("2029-01-28T09:00");
  await again.getByLabel("Ends", { exact: true }).fill("2029-01-30T17:00");
  await again.getByRole("button", { name: "Add the edition" }).click();
  await expect(page.locator("#new-edition .field-error")).toHaveText("This series already has an edition with this number.");
  await expect(page.locator("#new-edition").getByLabel("Title")).toHaveValue(`${edition} again`);

  // A draft is not on the public page yet.
  await page.goto(`/series/${slug}`);
  await expect(page.getByText("No editions yet.")).toBeVisible();

  // Published, it is.
  await page.goto(`/manage/series/${slug}`);
  await page.locator("li.edition-admin").filter({ hasText: edition }).getByRole("link", { name: edition }).click();
  await expect(page).toHaveURL(/\/manage\/events\/gfmd-civil-society-days-/);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/set_event_status")),
    page.getByRole("button", { name: "Publish" }).click(),
  ]);
  await page.waitForLoadState("load");
  await page.goto(`/series/${slug}`);
  const shown = page.locator("#edition-12");
  await expect(shown).toContainText(edition);
  await expect(shown).toContainText("Manila, Philippines");
  await expect(shown).toContainText("Migration that works for all");

  // The staff page now says so, and the edition can be renumbered.
  await page.goto(`/manage/series/${slug}`);
  const published = page.locator("li.edition-admin").filter({ hasText: edition });
  await expect(published).toContainText("Shown on the public page");
  await published.getByText("Change the number or theme, or unlink").click();
  await published.getByLabel("Number").fill("13");
  await published.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("The series is saved.")).toBeVisible();
  await expect(page.locator("li.edition-admin").filter({ hasText: edition })).toContainText("Edition 13");
});

test("a coordinator marks an event as attended, not organised, by the network", async ({ page }) => {
  const tag = Date.now();
  const title = `AICHR consultation ${tag}`;
  await signIn(page);
  await page.goto("/manage/events/new");
  await expect(page.getByLabel("The network organises this event")).toBeChecked();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Starts", { exact: true }).fill("2027-06-02T09:00");
  await page.getByLabel("Ends", { exact: true }).fill("2027-06-02T17:00");
  await page.getByLabel("Time zone", { exact: true }).fill("Asia/Jakarta");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`/manage/events/aichr-consultation-${tag}$`));

  await page.getByText("Edit the event's details").click();
  await page.getByLabel("The network attends (organised by others)").check();
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/save_event")),
    page.getByRole("button", { name: "Save", exact: true }).first().click(),
  ]);
  await page.waitForLoadState("load");
  await page.reload();
  await page.getByText("Edit the event's details").click();
  await expect(page.getByLabel("The network attends (organised by others)")).toBeChecked();
  await expect(page.getByLabel("The network organises this event")).not.toBeChecked();
});
