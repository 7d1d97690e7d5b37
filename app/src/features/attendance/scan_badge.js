// Reads a badge's QR code with the camera (BarcodeDetector) and opens ?r=<registration>
// on the current check-in page. The button ([data-scan-badge]) is shown by the check-in
// island only where the browser has BarcodeDetector. Written into the page with its nonce.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-scan-badge]")) scanBadge();
});

async function scanBadge() {
  const overlay = document.createElement("div");
  overlay.className = "scan-overlay";
  const video = document.createElement("video");
  video.setAttribute("playsinline", "");
  video.muted = true;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "btn btn-secondary";
  close.textContent = "\u00d7";
  overlay.append(video, close);
  document.body.append(overlay);
  let stream = null;
  let done = false;
  const stop = () => {
    done = true;
    if (stream) stream.getTracks().forEach((t) => t.stop());
    overlay.remove();
  };
  close.onclick = stop;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    video.srcObject = stream;
    await video.play();
    const detector = new BarcodeDetector({ formats: ["qr_code"] });
    while (!done) {
      const codes = await detector.detect(video).catch(() => []);
      const found = codes.map((c) => /[?&]r=(\d+)/.exec(c.rawValue)).find(Boolean);
      if (found) {
        const url = new URL(location.href);
        url.searchParams.set("r", found[1]);
        stop();
        location.href = url.toString();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (_) {
    stop();
  }
}
