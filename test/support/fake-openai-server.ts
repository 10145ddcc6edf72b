// The loopback OpenAI-compatible server lives in src/devtools so the benchmark and
// `persona-talks dev fake-server` can use it too; tests import it from here.
export * from '../../src/devtools/fake-openai-server.js';
