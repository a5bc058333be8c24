/**
 * Builds the command-line tools to plain JavaScript (dist-cli/), so each call starts node on built
 * code instead of compiling TypeScript first (tsx costs ~0.5 s a call). Run by `npm ci` (prepare) and
 * `npm run build:cli`; the npm scripts `analyze`, `validate`, `import`, `site`, `report` and `monitor` run the
 * built files. Packages that load WebAssembly from their own folder stay outside the bundle.
 */
import { build } from 'esbuild';

const tools = ['analyze', 'validate', 'import', 'site', 'report', 'monitor'];
await build({
  entryPoints: tools.map((t) => `scripts/${t}.ts`),
  outdir: 'dist-cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['highs', '@resvg/resvg-wasm'],
  // CommonJS packages inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
