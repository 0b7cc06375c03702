import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Maven passes the output folder (target/classes/META-INF/resources, which Quarkus serves at /).
const outDir = process.env.CONSOLE_OUT_DIR
  || fileURLToPath(new URL('../../../target/classes/META-INF/resources', import.meta.url));

export default defineConfig({
  // Preact's automatic JSX runtime, compiled by Vite's own transformer (no Babel).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  // `npm run dev`: the page with live reload, its API calls sent to a running console (CONSOLE_URL, default :8083).
  server: { proxy: { '/api': process.env.CONSOLE_URL || 'http://127.0.0.1:8083' } },
  test: {
    include: ['test/**/*.test.js'],
    environment: 'node',
  },
});
