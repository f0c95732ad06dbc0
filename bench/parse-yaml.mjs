// The floors for the YAML benchmark: read every .yaml/.yml file under the paths given and parse
// it with the `yaml` package (which yaml-eslint-parser is built on), or with yaml-eslint-parser
// itself (the AST ESLint's YAML rules run on), checking nothing.
//
//     node bench/parse-yaml.mjs [--parser yaml-eslint-parser] <paths...>
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { parseYAML } from "yaml-eslint-parser";

const args = process.argv.slice(2);
const eslintParser = args[0] === "--parser" && args[1] === "yaml-eslint-parser";
if (args[0] === "--parser" && !eslintParser) throw new Error(`unknown parser ${args[1]}`);
const targets = args[0] === "--parser" ? args.slice(2) : args;

function* yamlFiles(target) {
  if (!fs.statSync(target).isDirectory()) {
    yield target;
    return;
  }
  for (const entry of fs.readdirSync(target, { recursive: true })) {
    if (/\.ya?ml$/u.test(entry)) yield path.join(target, entry);
  }
}

let files = 0;
let documents = 0;
let errors = 0;
for (const target of targets) {
  for (const file of yamlFiles(target)) {
    const text = fs.readFileSync(file, "utf8");
    files++;
    if (eslintParser) {
      try {
        documents += parseYAML(text).body.length;
      } catch {
        errors++;
      }
      continue;
    }
    const parsed = parseAllDocuments(text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    documents += list.length;
    errors += list.reduce((sum, document) => sum + document.errors.length, 0);
  }
}
console.log(JSON.stringify({ files, documents, errors }));
