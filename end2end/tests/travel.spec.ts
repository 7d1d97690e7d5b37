import { test, expect, Page } from "@playwright/test";
import { privateLinkFor } from "./mailbox";

const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const slug = "access-to-justice-2027";

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("a participant gives their travel on a phone; staff put them in a room and print the payment sheet", async ({
  page,
  browser,
}) => {
  const tag = Date.now();
  const name = `Chea Dara ${tag}`;
  const email = `dara.${tag}@example.org`;
  // Registers and fills in travel on a phone, without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const phone = await context.newPage();
  await phone.goto(`/events/${slug}/register`);
  await phone.getByLabel("Name (Latin script) *").fill(name);
  await phone.getByLabel("Email *").fill(email);
  await phone.getByLabel("Country").selectOption("KH");
  await phone.getByLabel("I agree that my details").check();
  await phone.getByRole("button", { name: "Register" }).click();
  await expect(phone).toHaveURL(/\/register\?sent=1$/);
  await phone.goto(await privateLinkFor(browser, email));
  const travel = phone.locator("#travel");
  await travel.getByLabel("Travelling from (city)").fill("Phnom Penh");
  await travel.getByLabel("Travelling from (country)").fill("Cambodia");
  await travel.getByLabel("Passport nationality").fill("Cambodian");
  await travel.getByLabel("I need a visa to enter the country").check();
  await travel.getByLabel("Arrival date").fill("2027-03-14");
  await travel.getByLabel("Arrival time").fill("18:30");
  await travel.getByLabel("Means of travel").first().selectOption("flight");
  await travel.getByLabel("Flight or bus number").first().fill("PG 932");
  // A departure before the arrival comes back with the message and what was typed.
  await travel.getByLabel("Departure date").fill("2027-03-13");
  await travel.getByLabel("Departure time").fill("10:00");
  await travel.getByRole("button", { name: "Save travel details" }).click();
  await expect(phone.locator("#travel")).toContainText("The departure must come after the arrival.");
  await expect(phone.locator("#travel").getByLabel("Flight or bus number").first()).toHaveValue("PG 932");
  await phone.locator("#travel").getByLabel("Departure date").fill("2027-03-17");
  await phone.locator("#travel").getByRole("button", { name: "Save travel details" }).click();
  await expect(phone.locator("#travel")).toContainText("Travel details saved.");
  await expect(phone.locator("#travel").getByLabel("Arrival time")).toHaveValue("18:30");
  await context.close();

  // Staff see it, add a hotel and a room, and put the participant in it.
  await signIn(page);
  await page.goto(`/manage/events/${slug}`);
  await page.getByRole("link", { name: "Travel & logistics" }).click();
  await expect(page.locator(".travel-list")).toContainText(name);
  await expect(page.locator(".travel-list")).toContainText("PG 932");
  // The page's own button (the workspace navigation has a "Rooms" link too).
  await page.getByRole("link", { name: "Rooms", exact: true }).and(page.locator("a.btn")).click();
  const hotel = `Eco Resort ${tag}`;
  await page.getByLabel("Hotel").fill(hotel);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const section = page.locator("section.card", { hasText: hotel });
  await section.getByLabel("Room", { exact: true }).fill("101");
  await section.getByLabel("Room type").fill("Twin");
  await section.getByRole("button", { name: "Add room" }).click();
  const room = page.locator("section.card", { hasText: hotel }).locator(".room[data-room='101']");
  await room.getByLabel("Participant").selectOption({ label: name });
  await room.getByRole("button", { name: "Put in this room" }).click();
  await expect(page.locator("section.card", { hasText: hotel }).locator(".room[data-room='101']")).toContainText(name);
  const rooming = await page.request.get(`/events/${slug}/rooming.pdf`);
  expect(rooming.status()).toBe(200);

  // A travel refund, marked paid; the payment sheet prints.
  await page.goto(`/manage/events/${slug}/travel/payments`);
  await page.getByLabel("Participant").selectOption({ label: name });
  await page.getByLabel("Currency").last().selectOption("USD");
  await page.getByLabel("Amount").fill("185.50");
  await page.getByLabel("Receipt no.").first().fill(`R-${tag}`);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const row = page.locator("tr", { hasText: `R-${tag}` });
  await expect(row).toContainText("185.50 USD");
  await row.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.locator("tr", { hasText: `R-${tag}` })).toContainText("Paid");
  await page.getByRole("link", { name: "Payment sheet (PDF)" }).click();
  const sheet = await page.request.get(`/events/${slug}/payments.pdf`);
  expect(sheet.status()).toBe(200);
  expect(sheet.headers()["content-type"]).toBe("application/pdf");
});
