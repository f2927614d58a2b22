import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { fileMappings, mapsMappings, maxMapping, parseStatus, readMappings, readProc } from "../../../bench/large/proc.js";

// The layout of /proc/<pid>/smaps: a header line per mapping (range, perms, offset, device,
// inode, path), then its fields; abridged to the fields read.
const SMAPS = `555a3c602000-555a3c604000 r--p 00000000 fe:00 260386                     /usr/bin/node
Size:                  8 kB
KernelPageSize:        4 kB
Rss:                   8 kB
7f0000000000-7f0100000000 r--s 00000000 fe:00 1001                       /srv/bench-models/encoder/model.onnx_data
Size:            4194304 kB
KernelPageSize:        4 kB
MMUPageSize:           4 kB
Rss:             1048576 kB
Pss:             1048576 kB
7f0100000000-7f0140000000 r--p 100000000 fe:00 1001                      /srv/bench-models/encoder/model.onnx_data
Size:            1048576 kB
Rss:                1024 kB
7f0140000000-7f0140001000 rw-p 00000000 00:00 0 
Size:                  4 kB
Rss:                   4 kB
7f0150000000-7f0150100000 r--p 00000000 fe:00 1002                       /tmp/old/model.onnx_data (deleted)
Size:               1024 kB
Rss:                 512 kB
7f0160000000-7f0160100000 r--p 00000000 fe:00 1003                       /tmp/model.onnx_data.bak
Size:               1024 kB
Rss:                1024 kB
`;

describe("fileMappings", () => {
  it("adds up every mapping of the named file, in any folder, a deleted one too", () => {
    expect(fileMappings(SMAPS, "model.onnx_data")).toEqual({
      mappings: 3,
      sizeBytes: (4194304 + 1048576 + 1024) * 1024,
      rssBytes: (1048576 + 1024 + 512) * 1024,
    });
  });

  it("is empty when the file is not mapped (another name, an anonymous mapping)", () => {
    expect(fileMappings(SMAPS, "weights.bin")).toEqual({ mappings: 0, sizeBytes: 0, rssBytes: 0 });
    expect(fileMappings("", "model.onnx_data")).toEqual({ mappings: 0, sizeBytes: 0, rssBytes: 0 });
  });
});

describe("mapsMappings", () => {
  // /proc/<pid>/maps: the header lines of smaps alone.
  const maps = SMAPS.split("\n")
    .filter((line) => /^[0-9a-f]+-/.test(line))
    .join("\n");

  it("adds up the address ranges mapped onto the file; the resident part is not in maps", () => {
    expect(mapsMappings(maps, "model.onnx_data")).toEqual({ mappings: 3, sizeBytes: 0x100000000 + 0x40000000 + 0x100000, rssBytes: 0 });
    expect(mapsMappings(maps, "weights.bin")).toEqual({ mappings: 0, sizeBytes: 0, rssBytes: 0 });
  });

  it("gives the same sizes as smaps", () => {
    expect(mapsMappings(maps, "model.onnx_data").sizeBytes).toBe(fileMappings(SMAPS, "model.onnx_data").sizeBytes);
  });
});

describe("parseStatus", () => {
  it("reads the resident set, its peak, and anonymous and file pages", () => {
    const status =
      "Name:\tnode\nVmPeak:\t 9000 kB\nVmHWM:\t    1984 kB\nVmRSS:\t    1500 kB\nRssAnon:\t     168 kB\nRssFile:\t    1316 kB\nRssShmem:\t       16 kB\n";
    expect(parseStatus(status)).toEqual({ rssBytes: 1500 * 1024, peakRssBytes: 1984 * 1024, anonBytes: 168 * 1024, fileBytes: 1316 * 1024 });
  });
});

describe("maxMapping", () => {
  it("takes the larger of each field", () => {
    expect(maxMapping({ mappings: 1, sizeBytes: 10, rssBytes: 1 }, { mappings: 0, sizeBytes: 5, rssBytes: 3 })).toEqual({
      mappings: 1,
      sizeBytes: 10,
      rssBytes: 3,
    });
  });
});

describe.skipIf(process.platform !== "linux")("readProc", () => {
  it("reads this process: resident, with its own binary mapped", () => {
    const self = readProc("self", basename(process.execPath));
    expect(self?.rssBytes).toBeGreaterThan(0);
    expect(self?.peakRssBytes).toBeGreaterThanOrEqual(self?.rssBytes ?? 0);
    expect(self?.weights.mappings).toBeGreaterThan(0);
    expect(readProc(2 ** 30, "node")).toBeNull();
    expect(readMappings(process.pid, basename(process.execPath))?.mappings).toBeGreaterThan(0);
    expect(readMappings(2 ** 30, "node")).toBeNull();
  });
});
