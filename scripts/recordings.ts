/**
 * `npm run recordings`: a landmark recording of every clip in
 * ../shared/footage/labels.csv, made by the app's own review pipeline (the
 * built app in headless Chromium, driven as `npm run analyze` drives it:
 * masks and the dorsal feature included), kept in a cache outside the
 * checkout (see recordings-cache.ts). Only what is missing or stale is
 * built; one browser serves every clip.
 *
 *   npm run recordings [-- --no-build] [--only TEXT]   (--only: just the clips whose path contains TEXT)
 *
 * Every frame is measured (no 30 fps cap: analysis-rate.test compares the
 * two), on a fixed number of pose workers so a recording does not depend on
 * the machine's cores. Clips WebCodecs cannot decode (MPEG-4 Part 2) go
 * through the app's own ffmpeg.wasm decoder, as on the screen. A clip that
 * fails is reported, and the command exits non-zero once every other clip
 * is done.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openReviewScreen, type ReviewScreen } from './analyze';
import { repoRoot } from '../bench/preview-server';
import { cacheDir, pipelineVersion, readCachedRecording, RECORDING_OPTIONS, recordingPathFor } from './recordings-cache';

export const FOOTAGE_DIR = path.resolve(repoRoot, '..', 'shared', 'footage');

/** The `file` column of labels.csv (paths relative to the footage folder), in order. */
export function clipsFromLabels(csv: string): string[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = firstField(lines[0] ?? '');
  if (header !== 'file') throw new Error(`labels.csv: expected a "file" column first, got "${header}"`);
  return lines.slice(1).map(firstField).filter(Boolean);
}

function firstField(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0].trim();
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"' && line[i + 1] === '"') (out += '"'), i++;
    else if (line[i] === '"') break;
    else out += line[i];
  }
  return out;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The recording the screen made, as the cache stores it: the shared recordings' shape plus where it came from. */
function cachedDoc(text: string, source: string, version: string, decoder: string): string {
  const { source: _name, model, fps, width, height, frames, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify({ source, model, pipeline: version, decoder, fps, width, height, frames, ...rest });
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Another run (another checkout) may be writing the same key: rename is atomic.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function run(opts: { noBuild: boolean; only?: string }, log: (line: string) => void = console.log): Promise<number> {
  const t0 = Date.now();
  const clips = clipsFromLabels(readFileSync(path.join(FOOTAGE_DIR, 'labels.csv'), 'utf8')).filter((c) => !opts.only || c.includes(opts.only));
  const version = pipelineVersion();
  log(`recordings: ${clips.length} clips, pipeline ${version}, cache ${path.join(cacheDir(), 'recordings')}`);
  let screen: ReviewScreen | null = null;
  let reused = 0, built = 0;
  const failed: string[] = [];
  const width = String(clips.length).length;
  try {
    for (const [k, rel] of clips.entries()) {
      const tag = `[${String(k + 1).padStart(width)}/${clips.length}] ${rel}`;
      const video = path.join(FOOTAGE_DIR, rel);
      if (!existsSync(video)) {
        failed.push(rel);
        log(`${tag}: failed: no such file`);
        continue;
      }
      if (readCachedRecording(video)) {
        reused++;
        log(`${tag}: reused`);
        continue;
      }
      const c0 = Date.now();
      try {
        // One browser for every clip, started only when something needs building.
        screen ??= await openReviewScreen({ ...RECORDING_OPTIONS, noBuild: opts.noBuild });
        const outcome = await screen.review(video);
        if (!outcome.ok) {
          failed.push(rel);
          log(`${tag}: failed: ${outcome.message}`);
          continue;
        }
        const decoder = (await screen.page.evaluate(() => (window as any).__hinge.review.videoInfo?.decoder ?? 'unknown')) as string;
        writeAtomically(recordingPathFor(video), cachedDoc(await screen.recordingText(), rel, version, decoder));
        built++;
        log(`${tag}: built in ${secs(Date.now() - c0)} (${outcome.frames} frames, ${decoder})`);
      } catch (e) {
        failed.push(rel);
        const why = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
        log(`${tag}: failed: ${why}`);
        // The browser may be what broke: start a fresh one for the next clip.
        await screen?.close().catch(() => undefined);
        screen = null;
      }
    }
    if (screen && screen.offending.length) {
      log(`error: the page tried to reach off its origin: ${screen.offending.join(', ')}`);
      failed.push('(off-origin requests)');
    }
  } finally {
    await screen?.close().catch(() => undefined);
  }
  log(
    `recordings: ${reused} reused, ${built} built, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''} in ${secs(Date.now() - t0)}`,
  );
  return failed.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let opts: { noBuild: boolean; only?: string };
  try {
    const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false }, only: { type: 'string' } } });
    opts = { noBuild: values['no-build'], only: values.only };
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\nusage: npm run recordings [-- --no-build] [--only TEXT]`);
    process.exit(2);
  }
  run(opts).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
