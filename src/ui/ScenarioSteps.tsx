import type { Indicator } from '../core/report/report';
import { useAppStore } from '../store/appStore';
import { currentIndicators } from '../store/routesSlice';
import { useLang, useT } from './i18n';

/** An indicator's value as a reader writes it: shares in per cent, counts whole, ratios to two places. */
export function indicatorText(i: Pick<Indicator, 'unit'> | undefined, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!i || i.unit === 'share') return `${(value * 100).toFixed(1)}%`;
  if (i.unit === 'count') return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

/**
 * Every accepted scenario step (siting proposals, hand edits, developments) beside the loaded data,
 * on the indicators the view cares about, with the undo of the last step.
 */
export function ScenarioSteps({ ids }: { ids: readonly string[] }) {
  const t = useT();
  const lang = useLang();
  const accepted = useAppStore((s) => s.accepted);
  const undo = useAppStore((s) => s.undoProposal);
  const coverage = useAppStore((s) => s.coverage);
  const coverageFor = useAppStore((s) => s.coverageFor);
  const datasetVersion = useAppStore((s) => s.datasetVersion);
  const routes = useAppStore((s) => s.routes);
  const indicators = currentIndicators({ coverage, coverageFor, datasetVersion, routes });
  if (accepted.length === 0) return null;
  const find = (list: Indicator[] | undefined, id: string) => list?.find((x) => x.id === id);
  const after = (i: number) => (i === accepted.length - 1 ? indicators : accepted[i + 1]!.before);
  return (
    <>
      <h3>{t('compare.title')}</h3>
      <table className="coverage-table" data-testid="scenario-compare">
        <thead>
          <tr>
            <th />
            <th>{t('compare.baseline')}</th>
            {accepted.map((a, i) => <th key={i}>{t('compare.step', { n: i + 1, name: a.name })}</th>)}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const base = find(accepted[0]!.before, id) ?? find(indicators, id);
            return (
              <tr key={id}>
                <td className="small">{base?.label[lang] ?? id}</td>
                <td className="num">{indicatorText(base, find(accepted[0]!.before, id)?.value)}</td>
                {accepted.map((_, i) => <td key={i} className="num">{indicatorText(base, find(after(i), id)?.value)}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions-col"><button data-testid="siting-undo" onClick={() => void undo()}>{t('compare.undo')}</button></div>
    </>
  );
}
