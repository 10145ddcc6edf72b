export function digestFile(root: string): string;
export function sourceDigest(root: string): string;
export function buildIsFresh(root: string): boolean;
export function recordBuild(root: string, digest: string): void;
