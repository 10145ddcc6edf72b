// The tiny GGUF writer lives in src/devtools so the benchmark can use it too; tests import it from here.
export * from '../../src/devtools/tiny-gguf.js';
