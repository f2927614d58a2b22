/** Text and attribute values as HTML: every name, label and input from the results is written through this. */
const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** An element with escaped text content. */
export function el(tag: string, text: string | number, attributes = ""): string {
  return `<${tag}${attributes === "" ? "" : ` ${attributes}`}>${esc(text)}</${tag}>`;
}
