export * from '../../src/devtools/sse-chunks.js';
