import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { divisionNames } from './build/division-names.ts';

/*
 * The web console's build: web/src → web/dist (served at / by the local runtime, by CloudFront
 * deployed). `npm run dev:web` serves it with hot reload and proxies the API paths to a running
 * `npm start` (API_URL, default http://127.0.0.1:3000), so the console and the API share an
 * origin as they do when served together.
 */
const WEB = fileURLToPath(new URL('.', import.meta.url));
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/v1', '/openapi.json', '/config.json', '/_local'];

export default defineConfig({
  root: WEB,
  base: '/',
  plugins: [react(), divisionNames()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    // antd is one large ESM package; what the first screen needs stays under the budget the
    // bench checks (bench/console.ts), so Vite's generic warning adds nothing.
    chunkSizeWarningLimit: 1500,
  },
  // The import screen's worker loads the spreadsheet library on demand (a code-split worker).
  worker: { format: 'es' },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: API, changeOrigin: false }])),
  },
  preview: { port: Number(process.env.WEB_PORT ?? 5173) },
});
