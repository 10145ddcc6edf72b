/**
 * Which npm packages make up the local-model runtime on this machine.
 *
 * node-llama-cpp lists a prebuilt llama.cpp binary for every platform and GPU
 * as optional dependencies: ~730 MB on Linux x64, because npm installs all of
 * them that match the OS and CPU (CUDA alone is 538 MB). We install the package
 * without its optional dependencies and name the one binary package this
 * machine needs, plus a GPU build only when asked for or detected.
 */

/** Pinned exactly: newer releases' lockfiles may not install everywhere. */
export const RUNTIME_VERSION = '3.21.1';
export const RUNTIME_PACKAGE = 'node-llama-cpp';

export type GpuBuild = 'cuda' | 'vulkan';

/** The CPU build (Metal on Apple Silicon) for a platform, or undefined where none is published. */
export function cpuBinaryPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  const names: Readonly<Record<string, string>> = {
    'linux-x64': 'linux-x64',
    'linux-arm64': 'linux-arm64',
    'linux-arm': 'linux-armv7l',
    'linux-riscv64': 'linux-riscv64',
    'darwin-arm64': 'mac-arm64-metal',
    'darwin-x64': 'mac-x64',
    'win32-x64': 'win-x64',
    'win32-arm64': 'win-arm64',
  };
  const name = names[`${platform}-${arch}`];
  return name ? `@node-llama-cpp/${name}` : undefined;
}

/** GPU builds exist for x64 Linux and Windows; CUDA comes in two packages (the second holds its libraries). */
export function gpuBinaryPackages(gpu: GpuBuild, platform: NodeJS.Platform = process.platform, arch: string = process.arch): string[] {
  const os = platform === 'linux' ? 'linux' : platform === 'win32' ? 'win' : undefined;
  if (!os || arch !== 'x64') return [];
  return gpu === 'cuda' ? [`@node-llama-cpp/${os}-x64-cuda`, `@node-llama-cpp/${os}-x64-cuda-ext`] : [`@node-llama-cpp/${os}-x64-vulkan`];
}

/**
 * Installed size in MB, measured with `du` after installing 3.21.1 (Linux) or
 * from `npm pack --dry-run` (unpacked size, other platforms). For messages only.
 */
export const INSTALLED_MB: Readonly<Record<string, number>> = {
  'node-llama-cpp': 54, // with its regular dependencies; 34 MB of it is llama.cpp's source bundle
  '@node-llama-cpp/linux-x64': 29,
  '@node-llama-cpp/linux-x64-cuda': 181,
  '@node-llama-cpp/linux-x64-cuda-ext': 357,
  '@node-llama-cpp/linux-x64-vulkan': 81,
  '@node-llama-cpp/linux-arm64': 19,
  '@node-llama-cpp/linux-armv7l': 13,
  '@node-llama-cpp/linux-riscv64': 12,
  '@node-llama-cpp/mac-arm64-metal': 15,
  '@node-llama-cpp/mac-x64': 30,
  '@node-llama-cpp/win-x64': 49,
  '@node-llama-cpp/win-x64-vulkan': 103,
  '@node-llama-cpp/win-arm64': 22,
};

export function approximateMb(packages: readonly string[]): number | undefined {
  let total = 0;
  for (const p of packages) {
    const mb = INSTALLED_MB[p];
    if (mb === undefined) return undefined;
    total += mb;
  }
  return total;
}

/** Every package of the runtime, exact versions, for `npm install`. */
export function runtimePackageSpecs(options: { gpu?: GpuBuild; platform?: NodeJS.Platform; arch?: string } = {}): string[] {
  const cpu = cpuBinaryPackage(options.platform, options.arch);
  const gpu = options.gpu ? gpuBinaryPackages(options.gpu, options.platform, options.arch) : [];
  return [RUNTIME_PACKAGE, ...(cpu ? [cpu] : []), ...gpu];
}
