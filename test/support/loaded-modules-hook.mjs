// Loaded with `node --import` into the built CLI by test/e2e/startup-imports.test.ts:
// records every module the app loads, and writes the list as it stood when the
// app first wrote `LOADED_MODULES_AT` to the terminal into `LOADED_MODULES_OUT`.
import { writeFileSync } from 'node:fs';
import module from 'node:module';
import process from 'node:process';

const loaded = [];
module.registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});

const marker = process.env.LOADED_MODULES_AT;
const out = process.env.LOADED_MODULES_OUT;
const write = process.stdout.write.bind(process.stdout);
let seen = false;
process.stdout.write = (chunk, ...rest) => {
  if (!seen && marker && out && String(chunk).includes(marker)) {
    seen = true;
    writeFileSync(out, loaded.join('\n'));
  }
  return write(chunk, ...rest);
};
