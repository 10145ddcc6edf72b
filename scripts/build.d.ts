export const ROOT: string;
export function build(root?: string): boolean;
export function npmNodeVersion(env?: NodeJS.ProcessEnv): string | undefined;
export function engineWarningNote(env?: NodeJS.ProcessEnv, appNode?: string): string | undefined;
