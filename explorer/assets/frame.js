// Cluster Atlas: hosts a rendered graph page in a sandboxed frame and reports clicks to Python.
// The frame gets "allow-scripts" only: an opaque origin, so nothing drawn from the data can
// reach the app, its cookies or its DOM. Only {atlas, id} messages from that frame are heard.
export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  let frame = parentElement.querySelector("iframe.atlas-frame");
  if (!frame) {
    frame = document.createElement("iframe");
    frame.className = "atlas-frame";
    frame.setAttribute("sandbox", "allow-scripts");
    frame.style.cssText = "display:block;width:100%;border:1px solid #e5e7eb;border-radius:8px;";
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
      }
    });
  }
  if (frame.dataset.digest !== data.digest) {
    frame.dataset.digest = data.digest;
    frame.srcdoc = data.html;
  }
}
