// Cluster Atlas: hosts a rendered graph page in a sandboxed frame and reports clicks to Python.
// The frame gets "allow-scripts" only: an opaque origin, so nothing drawn from the data can
// reach the app, its cookies or its DOM. Only {atlas, id} messages from that frame are heard,
// and {atlas: "layout", key, positions} once its layout has settled (Python checks it all).
export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe.atlas-frame");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.className = "atlas-frame";
    frame.setAttribute("sandbox", "allow-scripts");
    frame.style.cssText = "display:block;box-sizing:border-box;width:100%;border:1px solid #e5e7eb;border-radius:8px;";
    parentElement.appendChild(frame);
  }
  frame.setAttribute("title", data.title || "graph");
  frame.style.height = `${data.height}px`;
  frame.atlasTrigger = setTriggerValue;
  if (!frame.atlasListening) {
    frame.atlasListening = true;
    window.addEventListener("message", (event) => {
      if (event.source !== frame.contentWindow) return;
      const message = event.data || {};
      if ((message.atlas === "select" || message.atlas === "focus") && typeof message.id === "string") {
        frame.atlasTrigger(message.atlas, message.id);
      } else if (
        message.atlas === "layout" &&
        message.key === frame.dataset.layout &&
        message.positions !== null &&
        typeof message.positions === "object"
      ) {
        frame.atlasTrigger("layout", { key: message.key, positions: message.positions });
      }
    });
  }
  // The digest leaves out a remembered layout: when the layout this frame just reported comes
  // back with the next rerun, the frame keeps the drawing it shows (no second drawing, no flicker).
  if (frame.dataset.digest !== data.digest) {
    frame.dataset.digest = data.digest;
    frame.dataset.layout = data.layout || "";
    frame.srcdoc = data.html;
  }
}
