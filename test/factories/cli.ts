/** Runs the CLI in-process and captures what it prints. */
import { vi } from "vitest";
import { runCli } from "../../src/cli/dispatch.js";

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCaptured(argv: string[]): Promise<CliOutput> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
