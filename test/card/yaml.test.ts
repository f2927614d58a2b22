/** The README's front matter gains the model-index; everything else in the README stays. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ModelIndexEntry } from "../../src/card/build.js";
import { evalResultsYaml, readmeWithModelIndex } from "../../src/card/yaml.js";

const ours: ModelIndexEntry[] = [
  {
    name: "org/model",
    results: [
      {
        task: { type: "text-classification", name: "Text Classification" },
        dataset: { name: "GLUE SST-2", type: "nyu-mll/glue", config: "sst2", split: "validation" },
        metrics: [{ type: "accuracy", value: 0.9, name: "Accuracy" }],
      },
    ],
  },
];
const front = (readme: string): unknown => parse(/^---\n([\s\S]*?)---\n/.exec(readme)?.[1] ?? "", { version: "1.1" });

describe("readmeWithModelIndex", () => {
  it("no README: front matter with the model-index alone", () => {
    const readme = readmeWithModelIndex(null, "README.md", ours);
    expect(readme.startsWith("---\nmodel-index:\n  - name: org/model\n")).toBe(true);
    expect(readme.endsWith("---\n")).toBe(true);
    expect(front(readme)).toEqual({ "model-index": ours });
  });

  it("a README without front matter: the front matter goes before its text", () => {
    const readme = readmeWithModelIndex("# Model\n\nText.\n", "README.md", ours);
    expect(readme.endsWith("---\n# Model\n\nText.\n")).toBe(true);
    expect(front(readme)).toEqual({ "model-index": ours });
  });

  it("another model name's entry and other datasets stay; the same dataset, config and split is replaced", () => {
    const before = `---
language: en
model-index:
- name: org/model
  results:
  - task: {type: text-classification}
    dataset: {name: GLUE SST-2, type: nyu-mll/glue, config: sst2, split: validation}
    metrics: [{type: accuracy, value: 0.1}]
  - task: {type: text-classification}
    dataset: {name: GLUE SST-2, type: nyu-mll/glue, config: sst2, split: test}
    metrics: [{type: accuracy, value: 0.2}]
---
text
`;
    const after = front(readmeWithModelIndex(before, "README.md", ours)) as { language: string; "model-index": ModelIndexEntry[] };
    expect(after.language).toBe("en");
    expect(after["model-index"]).toHaveLength(1);
    expect(after["model-index"][0]?.results.map((r) => [r.dataset.split, r.metrics[0]?.value])).toEqual([
      ["test", 0.2],
      ["validation", 0.9],
    ]);
  });

  it.each([
    ["---\nlicense: [mit\n---\n", 'README.md (field "front matter"): not valid YAML'],
    ["---\n- a\n- b\n---\n", 'README.md (field "front matter"): must be a YAML mapping'],
    ["---\nmodel-index: 3\n---\n", 'README.md (field "model-index"): must be a list'],
  ])("refuses front matter it cannot extend: %j", (readme, message) => {
    expect(() => readmeWithModelIndex(readme, "README.md", ours)).toThrow(message);
  });
});

describe("evalResultsYaml", () => {
  it("quotes what YAML 1.1 would read as a date or a boolean; numbers stay exact", () => {
    const text = evalResultsYaml([{ dataset: { id: "a/b", task_id: "no" }, value: 0.1 + 0.2, date: "2026-01-15", notes: "yes" }]);
    expect(text).toBe('- dataset:\n    id: a/b\n    task_id: "no"\n  value: 0.30000000000000004\n  date: "2026-01-15"\n  notes: "yes"\n');
  });
});
