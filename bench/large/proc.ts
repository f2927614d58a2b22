/**
 * A process's memory as Linux reports it: /proc/<pid>/status (resident set, its peak, and how
 * much of it is anonymous memory or file pages), /proc/<pid>/smaps (each mapping, with the
 * file it maps and how much of it is resident) and /proc/<pid>/maps (the mappings alone). The
 * parsers are pure.
 */
import { readFileSync } from "node:fs";

export interface ProcMemory {
  /** VmRSS: resident now. */
  rssBytes: number;
  /** VmHWM: the peak resident set of this process. */
  peakRssBytes: number;
  /** RssAnon: resident memory not backed by a file (heap, onnxruntime's buffers). */
  anonBytes: number;
  /** RssFile: resident pages of mapped files (the binaries, and a mapped weight file). */
  fileBytes: number;
}

/** The mappings of one file. */
export interface FileMapping {
  mappings: number;
  /** Address space mapped onto the file. */
  sizeBytes: number;
  /** Of which resident. */
  rssBytes: number;
}

export interface ProcSnapshot extends ProcMemory {
  /** The mappings of the weight file. */
  weights: FileMapping;
}

const KB = 1024;

export function parseStatus(text: string): ProcMemory {
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text);
    return m?.[1] === undefined ? 0 : Number(m[1]) * KB;
  };
  return { rssBytes: field("VmRSS"), peakRssBytes: field("VmHWM"), anonBytes: field("RssAnon"), fileBytes: field("RssFile") };
}

/** A mapping's header line (as /proc/<pid>/maps and smaps write it): its address range and file; null for other lines. */
function mappingHeader(line: string): { bytes: number; path: string } | null {
  const m = /^([0-9a-f]+)-([0-9a-f]+)\s+\S+\s+\S+\s+\S+\s+\d+\s*(.*)$/.exec(line);
  if (m === null) return null;
  return { bytes: Number.parseInt(m[2] ?? "0", 16) - Number.parseInt(m[1] ?? "0", 16), path: (m[3] ?? "").replace(/ \(deleted\)$/, "") };
}

const isFile = (path: string, fileName: string): boolean => path === fileName || path.endsWith(`/${fileName}`);

/** Mappings whose file is named `fileName` (any folder; a deleted file's " (deleted)" suffix ignored), from smaps. */
export function fileMappings(smaps: string, fileName: string): FileMapping {
  const out: FileMapping = { mappings: 0, sizeBytes: 0, rssBytes: 0 };
  let inFile = false;
  for (const line of smaps.split("\n")) {
    const header = mappingHeader(line);
    if (header !== null) {
      inFile = isFile(header.path, fileName);
      if (inFile) out.mappings++;
      continue;
    }
    if (!inFile) continue;
    const field = /^(Size|Rss):\s+(\d+) kB$/.exec(line);
    if (field?.[1] === "Size") out.sizeBytes += Number(field[2]) * KB;
    if (field?.[1] === "Rss") out.rssBytes += Number(field[2]) * KB;
  }
  return out;
}

/**
 * The same from /proc/<pid>/maps, which lists the mappings without walking the page tables (so
 * it is cheap to read often, unlike smaps): the resident part is unknown (0).
 */
export function mapsMappings(maps: string, fileName: string): FileMapping {
  const out: FileMapping = { mappings: 0, sizeBytes: 0, rssBytes: 0 };
  for (const line of maps.split("\n")) {
    const header = mappingHeader(line);
    if (header === null || !isFile(header.path, fileName)) continue;
    out.mappings++;
    out.sizeBytes += header.bytes;
  }
  return out;
}

/** Process `pid`'s mappings of `fileName` from its maps; null when it has gone or this is not Linux. */
export function readMappings(pid: number, fileName: string): FileMapping | null {
  try {
    return mapsMappings(readFileSync(`/proc/${pid}/maps`, "utf8"), fileName);
  } catch {
    return null;
  }
}

/** The memory of process `pid` and its mappings of `fileName`; null when it has gone or this is not Linux. */
export function readProc(pid: number | "self", fileName: string): ProcSnapshot | null {
  try {
    const status = parseStatus(readFileSync(`/proc/${pid}/status`, "utf8"));
    return { ...status, weights: fileMappings(readFileSync(`/proc/${pid}/smaps`, "utf8"), fileName) };
  } catch {
    return null;
  }
}

/** The larger of each field. */
export function maxMapping(a: FileMapping, b: FileMapping): FileMapping {
  return { mappings: Math.max(a.mappings, b.mappings), sizeBytes: Math.max(a.sizeBytes, b.sizeBytes), rssBytes: Math.max(a.rssBytes, b.rssBytes) };
}
