import { describe, expect, it } from 'vitest';
import { translate } from '../../src/ui/i18n';
import { LAYER_LABELS, LAYER_NAMES } from '../../src/core/layers';

describe('i18n', () => {
  it('fills placeholders as plain text', () => {
    expect(translate('zh', 'legend.features', { n: '2,373' })).toBe('2,373 个要素');
    expect(translate('en', 'job.reading', { file: '<b>x</b>.geojson' })).toBe('Reading <b>x</b>.geojson…');
  });
  it('names every layer in both languages', () => {
    for (const l of LAYER_NAMES) {
      expect(LAYER_LABELS[l].zh).toMatch(/\p{Script=Han}/u);
      expect(LAYER_LABELS[l].en).toMatch(/^[A-Z]/);
    }
  });
});

describe('English counts', () => {
  it('say one in the singular and many in the plural', () => {
    expect(translate('en', 'sites.children', { n: 1 })).toMatch(/\b1 child\b/);
    expect(translate('en', 'sites.children', { n: 11 })).toMatch(/\b11 children\b/);
    expect(translate('en', 'sites.children', { n: '2,341' })).toMatch(/2,341 children/);
  });
});
