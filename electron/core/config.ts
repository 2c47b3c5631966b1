import os from 'node:os';
import path from 'node:path';
import { apiAddressProblem } from '../../shared/api-address.ts';

const DATA_DIR_FLAG = '--data-dir';

/** Settings both shells take from the environment (and, for Electron, the command line). */
export interface LaunchConfig {
  dataDir: string;
  port: number;
  apiBaseUrl: string | undefined;
  apiKey: string | undefined;
}

/**
 * The folder Electron's `app.getPath('userData')` gives for a product named Atelier,
 * computed without Electron so the preview host opens the same library as the desktop app.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Atelier');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Atelier');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Atelier');
}

/** Reads ATELIER_DATA_DIR, ATELIER_PORT, ATELIER_API_BASE_URL and ATELIER_API_KEY; rejects nonsense loudly. */
export function readLaunchConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): LaunchConfig {
  const dataDirFlag = flagValue(argv, DATA_DIR_FLAG);
  const portText = env.ATELIER_PORT?.trim() ?? '';
  const port = portText === '' ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`ATELIER_PORT must be a port number from 0 to 65535 (0 picks a free one); got "${portText}".`);
  }
  const apiBaseUrl = env.ATELIER_API_BASE_URL?.trim() || undefined;
  const addressProblem = apiBaseUrl === undefined ? null : apiAddressProblem(apiBaseUrl);
  if (addressProblem !== null) throw new Error(`ATELIER_API_BASE_URL: ${addressProblem} Got "${apiBaseUrl}".`);
  return {
    dataDir: path.resolve(dataDirFlag ?? (env.ATELIER_DATA_DIR?.trim() || defaultDataDir())),
    port,
    apiBaseUrl,
    apiKey: env.ATELIER_API_KEY?.trim() || undefined,
  };
}

/**
 * The command line `args` with the library set to `dataDir`: any --data-dir given before is
 * dropped and the new one added (the desktop app relaunches itself on another library this way).
 */
export function argsWithDataDir(args: readonly string[], dataDir: string): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === DATA_DIR_FLAG) i++;
    else if (!arg.startsWith(`${DATA_DIR_FLAG}=`)) kept.push(arg);
  }
  return [...kept, `${DATA_DIR_FLAG}=${path.resolve(dataDir)}`];
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
