import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://127.0.0.1:3745";
const pages = (process.env.PAGES ?? "").split(",").filter(Boolean);
const widths = (process.env.WIDTHS ?? "360,768,1280").split(",").map(Number);
const shot = process.env.SHOT === "1";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(base + "/login");
await page.getByLabel("Email").fill("admin@example.org");
await page.getByLabel("Password").fill("e2e-password-123");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL(/dashboard/);
for (const p of pages) {
  for (const w of widths) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.goto(base + p);
    const r = await page.evaluate(() => {
      const doc = document.documentElement;
      const over = [];
      for (const el of document.querySelectorAll("body *")) {
        const b = el.getBoundingClientRect();
        if (b.width === 0) continue;
        let s = el.parentElement, clipped = false;
        while (s) { const o = getComputedStyle(s).overflowX; if (o === "auto" || o === "scroll" || o === "hidden") { clipped = true; break; } s = s.parentElement; }
        if (!clipped && b.right > doc.clientWidth + 1) over.push(el.tagName + "." + el.className + " " + Math.round(b.right));
      }
      return { sw: doc.scrollWidth, cw: doc.clientWidth, over: over.slice(0, 5) };
    });
    console.log(p, w, JSON.stringify(r));
    if (shot) await page.screenshot({ path: `/tmp/look/${p.replace(/\W+/g, "_")}_${w}.png`, fullPage: process.env.FULL === "1" });
  }
}
await browser.close();
