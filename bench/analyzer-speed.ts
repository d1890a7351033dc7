/** The analyzer alone: µs per pushed frame over the shared landmark recordings. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHingeAnalyzer, parseRecording } from '../src/analysis';
import { repoRoot } from './preview-server';

export function measureAnalyzer(rounds = 3): { usPerFrame: number; frames: number; clips: number } {
  const dir = path.resolve(repoRoot, '../shared/landmarks');
  const clips = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseRecording(readFileSync(path.join(dir, f), 'utf8')));
  // Warm the JIT once, then time.
  for (const c of clips.slice(0, 2)) {
    const a = createHingeAnalyzer({ width: c.width, height: c.height, lift: 'auto' });
    for (const f of c.frames) a.push(f);
  }
  let frames = 0;
  let ms = 0;
  for (let r = 0; r < rounds; r++) {
    for (const c of clips) {
      const a = createHingeAnalyzer({ width: c.width, height: c.height, lift: 'auto' });
      const t0 = performance.now();
      for (const f of c.frames) a.push(f);
      a.report();
      ms += performance.now() - t0;
      frames += c.frames.length;
    }
  }
  return { usPerFrame: Math.round((ms * 1000 * 100) / frames) / 100, frames: frames / rounds, clips: clips.length };
}
