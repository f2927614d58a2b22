/**
 * Nothing unverified goes into the hub cache. Before, a file the hub listed with only a xet
 * hash was stored unchecked (same-size tampered bytes went into blobs/ and the snapshot), and
 * a download that ran past the listed size was written to the disk to its end (an endless body
 * filled it). Now the first is refused with one line before a byte is fetched
 * (@huggingface/hub does not export its xet hashing), and the second stops at the first byte
 * past the size, keeping nothing of it.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GlueEvalError } from "../../src/errors.js";
import { resolveModel } from "../../src/hub/resolve.js";
import { listFiles } from "../download/server.js";
import { hasShared } from "../shared.js";
import { snapshotEntries, useMockHub } from "./fixtures.js";
import { sha256Hex } from "./mock-hub.js";

describe.skipIf(!hasShared)("hub files that cannot be verified", () => {
  const mocked = useMockHub();
  const repo = "test-org/bert-tiny-sst2";
  const graphPath = "onnx/model_quantized.onnx";
  const graph = () => {
    const r = mocked.mock.repos.get(repo);
    return r?.commits.get(r.refs.main ?? "")?.get(graphPath) ?? new Uint8Array();
  };
  const cache = () => join(mocked.env.hfHome, "hub", `models--${repo.replace("/", "--")}`);
  const blobPath = () => `/blobs/${sha256Hex(graph())}`;

  it("refuses a file listed with only a xet hash, before fetching it, even when its bytes were tampered with", async () => {
    mocked.mock.xetOnly.add(graphPath);
    mocked.mock.tamper.add(blobPath());
    try {
      const error = (await resolveModel(repo, { dtype: "q8" }).catch((e: unknown) => e)) as GlueEvalError;
      expect(error.code).toBe("INTEGRITY");
      expect(error.message).toMatch(
        new RegExp(
          `^${repo}/${graphPath}: the hub lists only a xet hash \\([0-9a-f]{64}\\) for it, which glue-eval cannot check the bytes against; it was not downloaded$`,
        ),
      );
      expect(mocked.mock.cdn.requests.filter((r) => r.path === blobPath())).toEqual([]);
      expect((await listFiles(join(cache(), "blobs"))).filter((f) => !/^[0-9a-f]{40}$/.test(f))).toEqual([]);
      expect((await snapshotEntries(join(cache(), "snapshots"))).filter((e) => e.path.includes("onnx"))).toEqual([]);
    } finally {
      mocked.mock.xetOnly.delete(graphPath);
      mocked.mock.tamper.delete(blobPath());
    }
  });

  it("stops a download at the first byte past the listed size, and keeps nothing of it", async () => {
    mocked.mock.endless.add(blobPath());
    try {
      const error = (await resolveModel(repo, { dtype: "q8" }).catch((e: unknown) => e)) as GlueEvalError;
      expect(error.code).toBe("INTEGRITY");
      expect(error.message).toBe(`${repo}/${graphPath}: the server sent more than the ${graph().length} bytes the hub lists; nothing of it was kept`);
      expect((await readdir(join(cache(), "blobs"))).filter((f) => !/^[0-9a-f]{40}$/.test(f))).toEqual([]);
    } finally {
      mocked.mock.endless.delete(blobPath());
    }
  }, 30_000);
});
