// Injected by esbuild from package.json; the fallback serves tests run from tsc output.
declare const SRM_LENS_VERSION: string | undefined;

export function toolInfo(): { name: string; version: string } {
  return { name: 'srm-lens', version: typeof SRM_LENS_VERSION === 'string' ? SRM_LENS_VERSION : '0.0.0-dev' };
}
