/**
 * Every string the UI shows goes through here. Chinese first (strings/zh.ts); the English table
 * (strings/en.ts) must have exactly the same keys (the type says so), so a missing translation is a
 * compile error, not a blank.
 * Layer names and validation messages come from src/core (they are also used by the CLI).
 */
import { useAppStore } from '../store/appStore';
import type { Lang } from '../core/messages';
import { en } from './strings/en';
import { zh } from './strings/zh';

export type MessageKey = keyof typeof zh;

const TABLES: Record<Lang, Record<MessageKey, string>> = { zh, en };

/** English counts of one take the singular ("1 child", not "1 children"); Chinese has no plural. */
const PLURALS: [string, string][] = [['children', 'child'], ['homes', 'home'], ['features', 'feature'], ['communities', 'community'], ['sites', 'site'], ['kindergartens', 'kindergarten'], ['playgrounds', 'playground'], ['places', 'place'], ['hazards', 'hazard'], ['facilities', 'facility'], ['pages', 'page'], ['layers', 'layer'], ['schools', 'school']];
function singular(text: string): string {
  return PLURALS.reduce((t, [many, one]) => t.replace(new RegExp(`(^|[^\\d.,])1 ${many}\\b`, 'g'), `$11 ${one}`), text);
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  // A language or key that is not there (a corrupted setting) falls back instead of crashing the page.
  const table = TABLES[lang] ?? TABLES.zh;
  const out = (table[key] ?? TABLES.en[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  return lang === 'en' ? singular(out) : out;
}

export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useAppStore((s) => s.lang);
  return (key, params) => translate(lang, key, params);
}

export function useLang(): Lang {
  return useAppStore((s) => s.lang);
}
