// The server is started outside Playwright; wait until it answers its health check.
export default async function globalSetup() {
  const base = process.env.SALA_E2E_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Sala did not become healthy at ${base} within 60 s`);
}
