/**
 * SVG → PNG on the command line, for the PNG fallback Word wants beside each SVG figure. resvg (as
 * WebAssembly, so nothing native to install) reads no system fonts by itself: the CJK and Latin fonts
 * found on the machine are handed to it; without any, the figure's shapes are still drawn.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];

let ready: Promise<Uint8Array[]> | null = null;

function init(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
    await initWasm(readFileSync(wasm));
    return FONT_FILES.filter((f) => existsSync(f)).map((f) => new Uint8Array(readFileSync(f)));
  })();
  return ready;
}

export async function rasterizeSvg(svg: string, width: number): Promise<Uint8Array> {
  const fonts = await init();
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: Math.round(width) }, font: { fontBuffers: fonts, defaultFontFamily: 'Noto Sans CJK SC', loadSystemFonts: false }, background: '#ffffff' });
  return resvg.render().asPng();
}
