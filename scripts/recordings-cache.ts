/**
 * Where `npm run recordings` keeps the landmark recordings it makes of the
 * shared clips, and whether one is still good (node only). The cache lives
 * outside the checkout, so a fresh clone on the same machine reuses it; a
 * recording is keyed by the video's bytes and by the pipeline version, a
 * hash of everything that decides its numbers, so an edit to the pipeline
 * makes the old ones stale instead of silently reusing them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecording } from '../src/analysis/recording';
import type { PoseClip } from '../src/analysis/types';
import { REVIEW_ENGINE } from '../src/shared/pose-protocol';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What the recordings script asks of the review screen: the model, every
 * frame, and a fixed worker count (each worker warms up on its part, so the
 * split is part of the result); the lift does not change the landmarks.
 */
export const RECORDING_OPTIONS = { model: 'full', lift: 'auto', rate: 'all', workers: 2 } as const;

/** The pipeline sources (relative to the repo) whose text decides a recording; tests excluded. */
export const PIPELINE_SOURCES = {
  dirs: ['workers/pose', 'src/video'],
  files: ['src/review/pipeline.ts', 'src/review/segments.ts', 'src/shared/pose-protocol.ts', 'src/shared/frame-size.ts', 'src/client/pose-client.ts'],
} as const;

// ------------------------------------------------------------ pure parts

export type Env = Readonly<Record<string, string | undefined>>;

/** $HINGE_CACHE_DIR, else $XDG_CACHE_HOME/hinge-coach, else ~/.cache/hinge-coach. */
export function cacheDirFrom(env: Env, home: string): string {
  if (env.HINGE_CACHE_DIR) return path.resolve(env.HINGE_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.resolve(env.XDG_CACHE_HOME, 'hinge-coach');
  return path.join(home, '.cache', 'hinge-coach');
}

export interface VersionInput {
  /** what it is (a path, or a label such as "engine") */
  name: string;
  /** its content */
  content: string | Uint8Array;
}

/**
 * A short hash over named inputs. Order-independent (sorted by name), and
 * each input is framed by its name and length, so moving text from one file
 * to another still changes the version.
 */
export function versionOf(inputs: readonly VersionInput[]): string {
  const h = createHash('sha256');
  for (const i of [...inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const bytes = typeof i.content === 'string' ? Buffer.from(i.content, 'utf8') : i.content;
    h.update(`${i.name}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex').slice(0, 12);
}

/** <first 16 hex of sha256 of the video bytes>-<pipeline version>.json */
export function recordingFileName(videoSha256: string, version: string): string {
  if (!/^[0-9a-f]{16,}$/.test(videoSha256)) throw new Error(`not a sha256 hex digest: ${videoSha256}`);
  return `${videoSha256.slice(0, 16)}-${version}.json`;
}

/**
 * The cached text as a recording, or null when it is not one of this
 * pipeline version's (stale, from another version, or unreadable: all mean
 * "build it again").
 */
export function recordingIfCurrent(text: string, version: string): PoseClip | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || (doc as { pipeline?: unknown }).pipeline !== version) return null;
  try {
    return parseRecording(doc);
  } catch {
    return null;
  }
}

/** The model bundle's pinned sha256 in models/build.mjs (the bytes the app serves are checked against it there). */
export function pinnedModelHash(buildScript: string, model: string): string | null {
  const m = new RegExp(`'pose_landmarker_${model}\\.task':\\s*\\{[^}]*sha256:\\s*'([0-9a-f]{64})'`).exec(buildScript);
  return m ? m[1] : null;
}

// ------------------------------------------------------------ the machine's

export function cacheDir(): string {
  return cacheDirFrom(process.env, os.homedir());
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const abs = path.join(repoRoot, dir);
  if (!existsSync(abs)) return out;
  for (const e of readdirSync(abs, { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesUnder(rel));
    else if (/\.(ts|js|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Everything the version hashes, read now. */
export function pipelineInputs(): VersionInput[] {
  const files = [...PIPELINE_SOURCES.dirs.flatMap(sourcesUnder), ...PIPELINE_SOURCES.files];
  const inputs: VersionInput[] = files.map((f) => ({ name: f, content: readFileSync(path.join(repoRoot, f)) }));
  const build = readFileSync(path.join(repoRoot, 'models', 'build.mjs'), 'utf8');
  // The pinned hash when there is one (the build refuses other bytes); else the whole build script.
  const pinned = pinnedModelHash(build, RECORDING_OPTIONS.model);
  inputs.push({ name: `model:${RECORDING_OPTIONS.model}`, content: pinned ?? build });
  inputs.push({ name: 'tasks-vision', content: packageVersion('@mediapipe/tasks-vision') });
  for (const pkg of ['mediabunny', '@ffmpeg/ffmpeg', '@ffmpeg/core']) inputs.push({ name: pkg, content: packageVersion(pkg) });
  inputs.push({ name: 'engine', content: JSON.stringify({ ...RECORDING_OPTIONS, ...REVIEW_ENGINE }) });
  return inputs;
}

function packageVersion(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

let version: string | null = null;

/**
 * The pipeline version of the sources as they are (computed once per
 * process). $HINGE_RECORDINGS_VERSION reads an older pipeline's recordings
 * instead (to score the analyzer on them: which change moved a figure).
 */
export function pipelineVersion(): string {
  version ??= process.env.HINGE_RECORDINGS_VERSION || versionOf(pipelineInputs());
  return version;
}

const videoHashes = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

/** sha256 of a file's bytes, remembered per path while its size and mtime stay the same. */
export function videoSha256(videoAbsPath: string): string {
  const st = statSync(videoAbsPath);
  const known = videoHashes.get(videoAbsPath);
  if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) return known.sha256;
  const sha256 = createHash('sha256').update(readFileSync(videoAbsPath)).digest('hex');
  videoHashes.set(videoAbsPath, { size: st.size, mtimeMs: st.mtimeMs, sha256 });
  return sha256;
}

export function recordingPathFor(videoAbsPath: string): string {
  return path.join(cacheDir(), 'recordings', recordingFileName(videoSha256(videoAbsPath), pipelineVersion()));
}

/** The current recording of this video, or null when there is none yet or it is stale. */
export function readCachedRecording(videoAbsPath: string): PoseClip | null {
  const file = recordingPathFor(videoAbsPath);
  if (!existsSync(file)) return null;
  return recordingIfCurrent(readFileSync(file, 'utf8'), pipelineVersion());
}
