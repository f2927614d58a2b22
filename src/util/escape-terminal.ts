/**
 * Text from files and folders (model names, labels, paths, messages that quote them) on its way
 * to a terminal. A name holding ESC could clear the screen, retitle the window (OSC) or forge
 * output; a newline could forge a line of its own. Every C0 control, DEL and C1 control
 * (ESC, CSI, OSC included) is shown escaped instead, as `\x1b`, `\n`, `\t`: visible, and inert.
 */

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** One line of text, safe to print: every control character shown escaped. */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Several lines (a stack trace): each line made safe, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split("\n").map(terminalText).join("\n");
}
