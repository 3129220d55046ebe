import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The project root (this file compiles to out/test/codeServer/). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const CODE_SERVER = join(ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.SRM_LENS_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL_HINT = 'run `bash scripts/installCodeServer.sh` (see CONTRIBUTING.md)';

/** What is missing to run VS Code here, in words; empty when nothing is. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER)) missing.push(`code-server is not installed at ${CODE_SERVER}: ${INSTALL_HINT}`);
  if (!existsSync(CHROMIUM)) missing.push(`Chromium is not at ${CHROMIUM}: ${INSTALL_HINT}, or set SRM_LENS_CHROMIUM`);
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) missing.push('dist/extension.js is not built: run `npm run build`');
  return missing;
}

export interface CodeServer {
  port: number;
  /** Scratch folder of this instance: user data, extensions, log. */
  home: string;
  log: string;
  /** `vscode-remote://` form of a path on this machine, as the web workbench wants it. */
  remote(path: string): string;
  url(folder: string, payload?: [string, string][]): string;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** false runs without --disable-workspace-trust, so folders open in Restricted Mode. */
  trusted: boolean;
  env?: Record<string, string>;
  /** .vsix files installed into this instance's extensions folder before it starts. */
  install?: string[];
  settings?: Record<string, unknown>;
}

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.startupPrompt': 'never',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Starts code-server on loopback with its own user data and extensions folders; resolves once it answers. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'srm-lens-code-server-'));
  const userData = join(home, 'user');
  const extensions = join(home, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...options.settings }, null, 2));
  const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
  for (const vsix of options.install ?? []) {
    const installed = spawnSync(CODE_SERVER, [...dirs, '--install-extension', vsix], { encoding: 'utf8' });
    if (installed.status !== 0) throw new Error(`code-server could not install ${vsix}:\n${installed.stdout}\n${installed.stderr}`);
  }
  const port = await freePort();
  const log = join(home, 'code-server.log');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', ...dirs];
  if (options.trusted) args.push('--disable-workspace-trust');
  const child: ChildProcess = spawn(CODE_SERVER, args, { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `code-server exited (${signal ?? code}); log: ${log}`));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(exited);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`code-server did not answer on 127.0.0.1:${port} within 60 s; log: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
  return {
    port,
    home,
    log,
    remote,
    url: (folder, payload) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`,
    stop: () =>
      new Promise<void>((done) => {
        if (exited || child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's Chromium driven by playwright-core; the flags keep it off the network it does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
