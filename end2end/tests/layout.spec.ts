import { test, expect, Page } from "@playwright/test";

// Every staff screen at a phone's, a tablet's and a laptop's width: nothing may stick out
// to the right (on a phone or tablet a wide table may scroll inside its own box; on a laptop
// not even that), and no summary line may be squeezed into less than half of the box it heads.
const admin = {
  email: process.env.SALA_E2E_EMAIL ?? "e2e-admin@example.org",
  password: process.env.SALA_E2E_PASSWORD ?? "e2e-password-123",
};
const EVENTS = ["advocacy-with-asean-2016", "access-to-justice-2027"];
const EVENT_PAGES = [
  "", "/questions", "/translations", "/interpretation", "/invitations", "/selection", "/import",
  "/checkin", "/attendance", "/documentation", "/cohort", "/followup", "/participants",
  "/forum", "/delegation", "/travel", "/travel/rooms", "/travel/payments",
];
const OTHER_PAGES = [
  "/dashboard", "/manage/events", "/manage/events/new", "/manage/followups", "/manage/people",
  "/manage/outbox", "/admin/users", "/manage/recommendations", "/manage/reports",
  "/manage/events/afml-20-2027/forum", "/manage/series", "/manage/series/afml",
];
const WIDTHS = [360, 768, 1280];

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** What is wrong with the page's layout at its current width (empty when nothing is). */
async function faults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) {
      out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""}`;
    const scrolls = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll") return true;
      }
      return false;
    };
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const box = el.getBoundingClientRect();
      // Hidden things and the one-pixel boxes of text for screen readers only.
      if (box.width <= 1 || box.height <= 1) continue;
      if (box.right > width + 1 && !scrolls(el)) {
        out.push(`${name(el)} reaches ${Math.round(box.right)} px`);
        if (out.length > 5) break;
      }
    }
    // On a laptop even a wide table fits: nothing scrolls sideways inside its box either.
    if (width >= 1280) {
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const o = getComputedStyle(el).overflowX;
        if ((o === "auto" || o === "scroll") && el.scrollWidth > el.clientWidth + 1) {
          out.push(`${name(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
    }
    for (const summary of Array.from(document.querySelectorAll("summary"))) {
      const own = summary.getBoundingClientRect();
      const parent = summary.parentElement!.getBoundingClientRect();
      if (own.width > 0 && own.width < parent.width / 2) {
        out.push(`summary "${summary.textContent?.slice(0, 40)}" is ${Math.round(own.width)} of ${Math.round(parent.width)} px`);
      }
    }
    return out;
  });
}

test("every staff page holds its layout at 360, 768 and 1280 pixels", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page);
  await page.goto(`/manage/events/${EVENTS[0]}/cohort`);
  const person = await page.locator('a[href^="/manage/people/"]').first().getAttribute("href");
  expect(person).toBeTruthy();
  const pages = [
    ...OTHER_PAGES,
    person!,
    ...EVENTS.flatMap((slug) => EVENT_PAGES.map((p) => `/manage/events/${slug}${p}`)),
  ];
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      for (const fault of await faults(page)) found.push(`${path} at ${width} px: ${fault}`);
    }
  }
  expect(found).toEqual([]);
});
