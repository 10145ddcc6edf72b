export type InstallKind = 'checkout' | 'npx' | 'installed';
export function installKind(root: string, env?: NodeJS.ProcessEnv): InstallKind;
export function oldNodeAdvice(kind: InstallKind, nodeVersion: string): string;
