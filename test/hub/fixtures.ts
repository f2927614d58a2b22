/** Shared set-up of the hub tests: repositories built from the shared tiny models, an isolated HF environment. */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { lstat, mkdtemp, readdir, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { sharedPath } from "../shared.js";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { type Files, type MockHub, type MockRepo, singleCommitRepo, startMockHub } from "./mock-hub.js";

export function filesFromFolder(folder: string): Files {
  const dir = sharedPath("fixtures", "models", folder);
  const files: Files = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split("\\").join("/"), readFileSync(full));
  }
  return files;
}

/** The repositories the hub tests use. */
export function testRepos(): Map<string, MockRepo> {
  const repos = new Map<string, MockRepo>();
  repos.set("test-org/bert-tiny-sst2", singleCommitRepo(filesFromFolder("bert-tiny-sst2")));
  const optimum = filesFromFolder("bert-tiny-cola");
  optimum.set("model.onnx_data", randomBytes(50_000));
  repos.set("test-org/optimum-tiny", singleCommitRepo(optimum));
  repos.set("test-org/deberta-int8-only", singleCommitRepo(filesFromFolder("deberta-v3-tiny-squad2")));
  repos.set("test-org/private-tiny", singleCommitRepo(filesFromFolder("bert-tiny-rte"), ["main"], true));
  // Two commits: the tag v1.0 is the older one; main changed only tokenizer_config.json.
  const older = filesFromFolder("bert-tiny-cola");
  const newer = new Map(older);
  newer.set("tokenizer_config.json", Buffer.concat([older.get("tokenizer_config.json") ?? Buffer.alloc(0), Buffer.from("\n")]));
  const [a, b] = [singleCommitRepo(older), singleCommitRepo(newer)];
  const commitA = a.refs.main ?? "";
  const commitB = b.refs.main ?? "";
  repos.set("test-org/history", { refs: { main: commitB, "v1.0": commitA }, commits: new Map([...a.commits, ...b.commits]) });
  // An endpoint that answers a revision with a commit id meant to leave the cache folder.
  repos.set("test-org/hostile", { refs: { main: "../../../escaped" }, commits: new Map([["../../../escaped", filesFromFolder("bert-tiny-cola")]]) });
  return repos;
}

const ENV_KEYS = [
  "HF_HOME",
  "HF_HUB_CACHE",
  "HUGGINGFACE_HUB_CACHE",
  "HF_TOKEN",
  "HUGGING_FACE_HUB_TOKEN",
  "HF_TOKEN_PATH",
  "HF_ENDPOINT",
  "HF_HUB_OFFLINE",
  "XDG_CACHE_HOME",
] as const;

/** A fresh HF_HOME and a clean HF environment for one test; `restore` puts back what was there. */
export async function isolatedHfHome(): Promise<{ hfHome: string; restore(): Promise<void> }> {
  const saved = new Map(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) delete process.env[key];
  const hfHome = await mkdtemp(join(tmpdir(), "glue-eval-hf-"));
  process.env.HF_HOME = hfHome;
  return {
    hfHome,
    restore: async () => {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await rm(hfHome, { recursive: true, force: true });
    },
  };
}

/** Every file below `dir` (links followed), sorted, with where a link points. */
export async function snapshotEntries(dir: string): Promise<{ path: string; link: string | null }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: { path: string; link: string | null }[] = [];
  for (const e of entries) {
    const full = join(e.parentPath, e.name);
    if (!(await stat(full)).isFile()) continue;
    const link = (await lstat(full)).isSymbolicLink() ? await readlink(full) : null;
    out.push({ path: relative(dir, full), link });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/**
 * The mock hub with testRepos(), started once for the calling describe block, and a fresh
 * HF_HOME pointed at it (its request log cleared) before each test.
 */
export function useMockHub(): { readonly mock: MockHub; readonly env: Awaited<ReturnType<typeof isolatedHfHome>> } {
  let mock: MockHub | undefined;
  let env: Awaited<ReturnType<typeof isolatedHfHome>> | undefined;
  beforeAll(async () => {
    mock = await startMockHub(testRepos());
  });
  afterAll(() => mock?.close());
  beforeEach(async () => {
    env = await isolatedHfHome();
    if (mock === undefined) throw new Error("the mock hub did not start");
    process.env.HF_ENDPOINT = mock.hub.url;
    mock.clear();
  });
  afterEach(() => env?.restore());
  return {
    get mock(): MockHub {
      if (mock === undefined) throw new Error("the mock hub is used outside a test");
      return mock;
    },
    get env() {
      if (env === undefined) throw new Error("HF_HOME is used outside a test");
      return env;
    },
  };
}
