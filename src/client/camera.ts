/** Camera access with messages a lifter can act on. */

export interface CameraChoice {
  deviceId: string;
  label: string;
}

export class CameraError extends Error {
  constructor(message: string, readonly kind: 'denied' | 'missing' | 'busy' | 'unsupported' | 'other') {
    super(message);
    this.name = 'CameraError';
  }
}

export async function listCameras(): Promise<CameraChoice[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

export function explainCameraError(e: unknown): CameraError {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new CameraError(
        'Camera access was refused. Allow the camera for this site in the browser’s address bar, then press Start again. Nothing is recorded or uploaded.',
        'denied',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new CameraError('No camera was found. Plug one in, or review a recorded video instead.', 'missing');
    case 'NotReadableError':
    case 'AbortError':
      return new CameraError('The camera is in use by another app or tab. Close it there and try again.', 'busy');
    default:
      return new CameraError(`The camera could not start (${e instanceof Error ? e.message : String(e)}).`, 'other');
  }
}

export async function openCamera(deviceId?: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('This browser cannot use a camera here (it needs https or localhost).', 'unsupported');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: {
        deviceId: deviceId ? { exact: deviceId } : undefined,
        width: { ideal: 1280 },
        height: { ideal: 720 },
        frameRate: { ideal: 30 },
      },
    });
  } catch (e) {
    throw explainCameraError(e);
  }
}

export function stopStream(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
