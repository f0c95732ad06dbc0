// The floor for the YAML benchmark: read every .yaml/.yml file under the paths given and parse
// it with the `yaml` package (which yaml-eslint-parser is built on), checking nothing.
//
//     node bench/parse-yaml.mjs <paths...>
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

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
for (const target of process.argv.slice(2)) {
  for (const file of yamlFiles(target)) {
    const parsed = parseAllDocuments(fs.readFileSync(file, "utf8"));
    const list = Array.isArray(parsed) ? parsed : [parsed];
    files++;
    documents += list.length;
    errors += list.reduce((sum, document) => sum + document.errors.length, 0);
  }
}
console.log(JSON.stringify({ files, documents, errors }));
