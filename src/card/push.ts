/**
 * `glue-eval card --push org/name`: one pull request on the model repository with the card's
 * `.eval_results/*.yaml` files and its README, whose front matter gains the `model-index`. Never
 * a commit to a branch: results submitted by someone other than the model's authors are shown
 * as community results while the pull request is open, and the authors decide whether to merge.
 * Talks to the hub through @huggingface/hub, loaded only here.
 */
import type { HubApiError } from "@huggingface/hub";
import { GlueEvalError, oneLine } from "../errors.js";
import type { Card } from "./build.js";
import { evalResultsYaml, readmeWithModelIndex } from "./yaml.js";

export interface PushTarget {
  /** `org/name`. */
  repo: string;
  /** Without a trailing slash. */
  endpoint: string;
  token: string;
}

export interface PushedCard {
  pullRequestUrl: string | null;
  /** The commit the pull request was opened from. */
  parent: string;
  files: string[];
}

export const evalResultsPath = (task: string): string => `.eval_results/${task}.yaml`;

/** Opens the pull request and returns its address. */
export async function pushCard(target: PushTarget, card: Card, glueEvalVersion: string): Promise<PushedCard> {
  const { commit, downloadFile, modelInfo } = await import("@huggingface/hub");
  const credentials = { hubUrl: target.endpoint, accessToken: target.token };
  const repo = { type: "model" as const, name: target.repo };
  try {
    // The README is read at a commit, and the pull request starts from that commit: a README
    // changed meanwhile on main is not overwritten with the older text.
    const info = await modelInfo({ name: target.repo, revision: "main", additionalFields: ["sha"], ...credentials });
    const parent = String(info.sha ?? "");
    const readme = await downloadFile({ repo, path: "README.md", revision: parent || "main", xet: false, ...credentials });
    const readmeText = readmeWithModelIndex(readme === null ? null : await readme.text(), `${target.repo}/README.md`, card.modelIndex);
    const files = new Map<string, string>(card.evalResults.map(({ task, entries }) => [evalResultsPath(task), evalResultsYaml(entries)]));
    files.set("README.md", readmeText);
    const tasks = card.evalResults.map((r) => r.task).join(", ");
    const output = await commit({
      repo,
      title: `Evaluation results: ${tasks} (glue-eval)`,
      description: `Scores on the GLUE / SQuAD dev sets from glue-eval ${glueEvalVersion}: one \`.eval_results/<task>.yaml\` per task and the \`model-index\` in the README's front matter. Each result's \`notes\` say how it was run.`,
      operations: [...files].map(([path, text]) => ({ operation: "addOrUpdate" as const, path, content: new Blob([text]) })),
      ...(parent === "" ? {} : { parentCommit: parent }),
      isPullRequest: true,
      useXet: false,
      ...credentials,
    });
    return { pullRequestUrl: output?.pullRequestUrl ?? null, parent, files: [...files.keys()] };
  } catch (error) {
    throw await pushFailure(target, error);
  }
}

async function pushFailure(target: PushTarget, error: unknown): Promise<GlueEvalError> {
  if (error instanceof GlueEvalError) return error;
  const { HubApiError } = await import("@huggingface/hub");
  if (error instanceof HubApiError) return refused(target, error);
  if (error instanceof TypeError && /access token/i.test(error.message)) {
    return new GlueEvalError("NETWORK", `--push: the hub token (HF_TOKEN or the token file under HF_HOME) must start with "hf_"`);
  }
  const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error);
  return new GlueEvalError("NETWORK", oneLine(`${target.repo}: cannot open a pull request on ${target.endpoint} (${reason})`), { cause: error });
}

function refused(target: PushTarget, error: HubApiError): GlueEvalError {
  const said = oneLine(error.message.replace(/\. URL: .*$/, ""));
  const status = error.statusCode;
  const hint =
    status === 401 || status === 403
      ? "; the token (HF_TOKEN) needs write access, or the repository's pull requests are closed"
      : status === 404
        ? "; check the repository name and that the token may see it"
        : "";
  return new GlueEvalError("NETWORK", `${target.repo}: ${target.endpoint} answered HTTP ${status} (${said})${hint}`, { cause: error });
}
