// Counts the bytes a page really costs on the wire: Chromium's own figure (CDP Network
// `loadingFinished.encodedDataLength`: compressed body plus response headers), per resource,
// with what came from the browser cache counted as zero.
"use strict";

class TransferMeter {
  constructor(cdp) {
    this.cdp = cdp;
    this.requests = new Map();
    cdp.on("Network.requestWillBeSent", (e) => {
      // A redirect reuses the request id: keep the hop already finished under its own key.
      const old = this.requests.get(e.requestId);
      if (old && e.redirectResponse) {
        old.status = e.redirectResponse.status;
        old.bytes = e.redirectResponse.encodedDataLength || 0;
        old.done = true;
        this.requests.set(`${e.requestId}#${this.requests.size}`, old);
      }
      this.requests.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0, cached: false, done: false });
    });
    cdp.on("Network.requestServedFromCache", (e) => {
      const r = this.requests.get(e.requestId);
      if (r) r.cached = true;
    });
    cdp.on("Network.responseReceived", (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.status = e.response.status;
      r.encoding = (e.response.headers["content-encoding"] || e.response.headers["Content-Encoding"] || "").toLowerCase();
      if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) r.cached = true;
    });
    cdp.on("Network.loadingFinished", (e) => {
      const r = this.requests.get(e.requestId);
      if (!r) return;
      r.bytes = e.encodedDataLength;
      r.done = true;
    });
  }

  static async attach(context, page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    return new TransferMeter(cdp);
  }

  // Forget what was recorded so far; the next navigation is measured alone.
  reset() {
    this.requests.clear();
  }

  // The resources of the page just loaded, and the sum of their bytes on the wire.
  report() {
    const items = [...this.requests.values()].map((r) => ({
      path: new URL(r.url).pathname,
      type: r.type,
      status: r.status,
      encoding: r.encoding || "identity",
      cached: r.cached,
      done: r.done,
      bytes: r.cached ? 0 : r.bytes,
    }));
    const total = items.reduce((n, r) => n + r.bytes, 0);
    return { items, total };
  }
}

module.exports = { TransferMeter };
