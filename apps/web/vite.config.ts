import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const sharedSrc = fileURLToPath(new URL('../../packages/shared/src/', import.meta.url));

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    // Bundle @aigw/shared from its TypeScript source (its "development" export), and only it:
    // a global "development" condition would also pick development builds of other packages
    // in production bundles.
    alias: [{ find: /^@aigw\/shared\/(.+)$/, replacement: `${sharedSrc}$1.ts` }],
  },
  server: {
    port: 3000,
    strictPort: true,
    proxy: Object.fromEntries(['/api', '/auth', '/v1', '/health'].map((prefix) => [prefix, { target: gateway, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
});
