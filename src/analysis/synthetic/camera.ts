/**
 * Pinhole camera around the lifter. yawDeg = how far the lifter is turned
 * toward the camera from a pure side view (0 = side, 90 = facing the camera,
 * -90 = back to the camera). `facing` picks which way the lifter faces in the
 * image at yaw 0. Pitch positive = camera tilted down.
 */
import type { View } from '../types';
import { type V3, cosd, sind } from './body';

export interface CameraOptions {
  yawDeg?: number;
  pitchDeg?: number;
  /** horizontal distance camera → centre of the lifter's motion, metres (default: auto from `fill`) */
  distanceM?: number;
  heightM?: number;
  /** auto distance: fraction of the frame the motion's bounding box fills (default 0.72) */
  fill?: number;
  /** shift the lifter sideways in the frame, as a fraction of the frame width */
  offsetX?: number;
  /** field of view along the frame's long side (default 65°) */
  fovDeg?: number;
}

export interface Camera {
  width: number;
  height: number;
  fpx: number;
  cx: number;
  cy: number;
  /** camera centre and axes expressed in the body frame */
  C: V3;
  xc: V3;
  yc: V3;
  zc: V3;
  yawDeg: number;
  pitchDeg: number;
  distanceM: number;
  heightM: number;
  view: View;
  facing: 'left' | 'right' | null;
  /** depth component of the lifter's left axis (+ = left side farther from the camera) */
  leftDepth: number;
  /** depth component of the lifter's forward axis (+ = facing away) */
  fwdDepth: number;
}

export function classifyView(yawDeg: number, facing: 'left' | 'right'): { view: View; facing: 'left' | 'right' | null; fx: number; fz: number } {
  const fx = facing === 'left' ? -cosd(yawDeg) : cosd(yawDeg);
  const fz = -sind(yawDeg);
  const az = Math.atan2(-fz, Math.abs(fx)) / (Math.PI / 180);
  const view: View = Math.abs(az) <= 20 ? 'side' : az >= 70 ? 'front' : az <= -70 ? 'back' : 'oblique';
  return { view, facing: view === 'side' || view === 'oblique' ? (fx < 0 ? 'left' : 'right') : null, fx, fz };
}

export function makeCamera(
  o: CameraOptions,
  facing: 'left' | 'right',
  width: number,
  height: number,
  samples: V3[],
): Camera {
  const yaw = o.yawDeg ?? 0;
  const { view, facing: fc, fx, fz } = classifyView(yaw, facing);
  // body axes in the ground frame G (x right, y up, z away from the camera)
  const ef: V3 = [fx, 0, fz];
  const eu: V3 = [0, 1, 0];
  const el: V3 = [-fz, 0, fx];
  const toBody = (v: V3): V3 => [
    v[0] * ef[0] + v[1] * ef[1] + v[2] * ef[2],
    v[0] * eu[0] + v[1] * eu[1] + v[2] * eu[2],
    v[0] * el[0] + v[1] * el[1] + v[2] * el[2],
  ];
  const toG = (p: V3): V3 => [
    p[0] * ef[0] + p[2] * el[0],
    p[1],
    p[0] * ef[2] + p[2] * el[2],
  ];
  const fov = o.fovDeg ?? 65;
  const fpx = Math.max(width, height) / 2 / Math.tan(((fov / 2) * Math.PI) / 180);
  const camH = o.heightM ?? 1.0;
  // bounding box of the motion
  let mn: V3 = [Infinity, Infinity, Infinity];
  let mx: V3 = [-Infinity, -Infinity, -Infinity];
  for (const p of samples) {
    mn = [Math.min(mn[0], p[0]), Math.min(mn[1], p[1]), Math.min(mn[2], p[2])];
    mx = [Math.max(mx[0], p[0]), Math.max(mx[1], p[1]), Math.max(mx[2], p[2])];
  }
  const aimB: V3 = [(mn[0] + mx[0]) / 2, (mn[1] + mx[1]) / 2, (mn[2] + mx[2]) / 2];
  const aimG = toG(aimB);
  const build = (D: number): Camera => {
    const pitch = o.pitchDeg ?? Math.atan2(camH - aimB[1], D) / (Math.PI / 180);
    const offX = (o.offsetX ?? 0) * (width / fpx) * D;
    // place the body so the aim point is at (offX, ., D) in G
    const O: V3 = [offX - aimG[0], 0, D - aimG[2]];
    const Cg: V3 = [0 - O[0], camH, 0 - O[2]];
    const zcG: V3 = [0, -sind(pitch), cosd(pitch)];
    const ycG: V3 = [0, -cosd(pitch), -sind(pitch)];
    const xcG: V3 = [1, 0, 0];
    return {
      width,
      height,
      fpx,
      cx: width / 2,
      cy: height / 2,
      C: toBody(Cg),
      xc: toBody(xcG),
      yc: toBody(ycG),
      zc: toBody(zcG),
      yawDeg: yaw,
      pitchDeg: pitch,
      distanceM: D,
      heightM: camH,
      view,
      facing: fc,
      leftDepth: el[2] * cosd(pitch),
      fwdDepth: ef[2] * cosd(pitch),
    };
  };
  if (o.distanceM !== undefined) return build(o.distanceM);
  const fill = o.fill ?? 0.72;
  let D = 3.5;
  for (let it = 0; it < 6; it++) {
    const cam = build(D);
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const p of samples) {
      const q = project(cam, p);
      x0 = Math.min(x0, q[0]);
      x1 = Math.max(x1, q[0]);
      y0 = Math.min(y0, q[1]);
      y1 = Math.max(y1, q[1]);
    }
    const cur = Math.max((x1 - x0) / width, (y1 - y0) / height);
    D = Math.max(0.8, D * (cur / fill));
  }
  return build(D);
}

/** Body-frame point → [px, py, depth Z] (pixels, metres). */
export function project(cam: Camera, p: V3): V3 {
  const v: V3 = [p[0] - cam.C[0], p[1] - cam.C[1], p[2] - cam.C[2]];
  const X = v[0] * cam.xc[0] + v[1] * cam.xc[1] + v[2] * cam.xc[2];
  const Y = v[0] * cam.yc[0] + v[1] * cam.yc[1] + v[2] * cam.yc[2];
  const Z = v[0] * cam.zc[0] + v[1] * cam.zc[1] + v[2] * cam.zc[2];
  const z = Math.max(Z, 0.05);
  return [cam.cx + (cam.fpx * X) / z, cam.cy + (cam.fpx * Y) / z, Z];
}

/** Body-frame point → camera-frame metres (x right, y down, z away). */
export function toCamera(cam: Camera, p: V3): V3 {
  const v: V3 = [p[0] - cam.C[0], p[1] - cam.C[1], p[2] - cam.C[2]];
  return [
    v[0] * cam.xc[0] + v[1] * cam.xc[1] + v[2] * cam.xc[2],
    v[0] * cam.yc[0] + v[1] * cam.yc[1] + v[2] * cam.yc[2],
    v[0] * cam.zc[0] + v[1] * cam.zc[1] + v[2] * cam.zc[2],
  ];
}
