// Preloaded (`node --import`) into a `shipshape` process by hostile-inputs.test.ts: the file named
// in SHIPSHAPE_DELETE_ON_READ is deleted the moment ESLint reads it, after the run has found and
// checked it, as if another process removed it in between. Unlike racing a real second process,
// this happens at the same point on every run. Worker threads run this preload too.
import fs from "node:fs";

const target = process.env.SHIPSHAPE_DELETE_ON_READ;
if (target) {
  const readFile = fs.promises.readFile;
  fs.promises.readFile = function readFileAfterDeleting(file, ...rest) {
    if (String(file) === target) fs.rmSync(target, { force: true });
    return readFile.call(this, file, ...rest);
  };
}
