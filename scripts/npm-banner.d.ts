export function npmBannerLines(env: NodeJS.ProcessEnv, args: string[]): string[];
export function rowsTaken(lines: string[], columns: number): number;
export function eraseSequence(rows: number): string;
export function eraseNpmBanner(stdout: NodeJS.WriteStream, env?: NodeJS.ProcessEnv, args?: string[]): void;
