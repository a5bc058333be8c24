/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const repo = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // The app's index.html lives in src/, keeping the repository's top level to the agreed few entries.
  root: 'src',
  publicDir: false,
  plugins: [react()],
  worker: { format: 'es' },
  server: { fs: { allow: [repo] } },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // MapLibre is large and changes rarely: its own chunk keeps app rebuilds cheap to cache.
        codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] },
      },
    },
  },
  test: {
    root: repo,
    // Browser specs run under Playwright (test/browser), never under Vitest.
    include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
