/// <reference types="vite-plugin-pwa/client" />
/** Bytes of each pose model in public/models at build time (vite.config.ts `define`). */
declare const __MODEL_SIZES__: Record<string, number>;
