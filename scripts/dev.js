#!/usr/bin/env node
// `npm run dev`: keeps dist/ built while you edit, with TypeScript's own watch
// mode (incremental, so a save recompiles in well under the full build's time),
// and records each error-free build's digest, so `npm start` in another terminal
// starts at once on what you just saved.
import ts from 'typescript';
import { join } from 'node:path';
import { recordBuild, sourceDigest } from './build-digest.js';
import { ROOT } from './build.js';

const FOUND_ERRORS = 6193; // "Found 1 error. Watching for file changes."
const FOUND_N_ERRORS = 6194; // "Found {0} errors. Watching for file changes."

const formatHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
const reportDiagnostic = (diagnostic) => process.stderr.write(ts.formatDiagnosticsWithColorAndContext([diagnostic], formatHost));

function reportStatus(diagnostic, _newLine, _options, errorCount) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const time = new Date().toLocaleTimeString();
  if ((diagnostic.code === FOUND_ERRORS || diagnostic.code === FOUND_N_ERRORS) && errorCount === 0) {
    recordBuild(ROOT, sourceDigest(ROOT));
    process.stdout.write(`[${time}] built dist/; \`npm start\` in another terminal runs it. Watching src/ for changes.\n`);
    return;
  }
  process.stdout.write(`[${time}] ${message}\n`);
}

const host = ts.createWatchCompilerHost(join(ROOT, 'tsconfig.build.json'), {}, ts.sys, ts.createEmitAndSemanticDiagnosticsBuilderProgram, reportDiagnostic, reportStatus);
ts.createWatchProgram(host);
