/**
 * Hub settings from the environment, read as Python's huggingface_hub reads them:
 * HF_ENDPOINT; HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN), else the token file that
 * `huggingface-cli login` writes (HF_TOKEN_PATH, default `$HF_HOME/token`); the cache
 * HF_HUB_CACHE, else `$HF_HOME/hub`, HF_HOME defaulting to `$XDG_CACHE_HOME/huggingface` or
 * `~/.cache/huggingface`; HF_HUB_OFFLINE=1 (or ON, YES, TRUE).
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export const DEFAULT_ENDPOINT = "https://huggingface.co";

export interface HubSettings {
  /** Without a trailing slash. */
  endpoint: string;
  token: string | null;
  /** The folder that holds `models--<org>--<name>`. */
  cacheDir: string;
  offline: boolean;
}

export function hfHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.HF_HOME || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "huggingface");
}

export function defaultHubCache(env: NodeJS.ProcessEnv = process.env): string {
  return env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE || join(hfHome(env), "hub");
}

export function isOffline(env: NodeJS.ProcessEnv = process.env): boolean {
  return ["1", "ON", "YES", "TRUE"].includes((env.HF_HUB_OFFLINE ?? "").trim().toUpperCase());
}

export async function hubToken(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const fromEnv = env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN;
  if (fromEnv) return fromEnv.trim();
  const file = env.HF_TOKEN_PATH || join(hfHome(env), "token");
  const text = await readFile(file, "utf8").catch(() => "");
  return text.trim() || null;
}

export async function hubSettings(env: NodeJS.ProcessEnv = process.env): Promise<HubSettings> {
  return {
    endpoint: (env.HF_ENDPOINT || DEFAULT_ENDPOINT).replace(/\/+$/, ""),
    token: await hubToken(env),
    cacheDir: defaultHubCache(env),
    offline: isOffline(env),
  };
}
