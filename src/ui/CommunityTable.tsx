import { bbox } from '@turf/turf';
import { useMemo, useState } from 'react';
import { COVERAGE_KINDS, type CoverageKind } from '../core/targets';
import { useAppStore } from '../store/appStore';
import { useT } from './i18n';

type SortKey = 'name' | 'kind' | 'children' | 'outside' | 'area' | 'seats' | 'home' | 'parent' | CoverageKind;

/** Every coverage figure per community, sortable; a row click zooms the map to the community. */
export function CommunityTable() {
  const t = useT();
  const coverage = useAppStore((s) => (s.coverageFor === s.datasetVersion ? s.coverage : null));
  const communities = useAppStore((s) => s.dataset?.layers.communities?.features);
  const close = useAppStore((s) => s.setCommunityTableOpen);
  const zoomTo = useAppStore((s) => s.zoomTo);
  const select = useAppStore((s) => s.select);
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'kindergarten', up: true });

  const rows = useMemo(() => {
    const list = (coverage?.communities ?? []).map((c) => {
      const row = coverage!.communityRows[c.index]?.indicators ?? {};
      const parent = row['community.parent_school.urban'] ?? row['community.parent_school.rural'] ?? null;
      return {
        c,
        area: (row['playground.area_per_child'] ?? null) as number | null,
        seats: (row['seats.kindergarten_per_child'] ?? null) as number | null,
        home: (row['coverage.childrens_home'] ?? null) as number | null,
        parent: parent as number | null,
        value(key: SortKey): number | string {
          if (key === 'name') return c.name;
          if (key === 'kind') return c.kind ?? '';
          if (key === 'children') return c.figures.kindergarten.children;
          if (key === 'outside') return c.figures.kindergarten.uncovered;
          if (key === 'area') return this.area ?? -1;
          if (key === 'seats') return this.seats ?? -1;
          if (key === 'home') return this.home ?? -1;
          if (key === 'parent') return this.parent ?? -1;
          return c.figures[key].share ?? -1;
        },
      };
    });
    return list.sort((a, b) => {
      const x = a.value(sort.key);
      const y = b.value(sort.key);
      // Communities with no figure (no children of the age) go last, whichever way the column sorts.
      if (x === -1 || y === -1) return x === y ? 0 : x === -1 ? 1 : -1;
      const cmp = typeof x === 'string' ? x.localeCompare(String(y), 'zh') : x - (y as number);
      return sort.up ? cmp : -cmp;
    });
  }, [coverage, sort]);

  const header = (key: SortKey, label: string) => (
    <th key={key}>
      <button className="sort" data-testid={`sort-${key}`} onClick={() => setSort((s) => ({ key, up: s.key === key ? !s.up : true }))}>
        {label} {sort.key === key ? (sort.up ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

  return (
    <div className="drawer" data-testid="community-table">
      <header>
        <h2>{t('community.title')}</h2>
        <span className="muted small">{t('community.zoom')}</span>
        <button onClick={() => close(false)}>{t('community.close')}</button>
      </header>
      <div className="drawer-body">
        <table>
          <thead>
            <tr>
              {header('name', t('community.name'))}
              {header('kind', t('community.kind'))}
              {header('children', t('community.children'))}
              {COVERAGE_KINDS.map((k) => header(k, t(`coverage.kind.${k}`)))}
              {header('outside', t('community.outside'))}
              {header('seats', t('community.seats'))}
              {header('area', t('community.areaPerChild'))}
              {header('home', t('community.childrensHome'))}
              {header('parent', t('community.parentSchool'))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, area, seats, home, parent }) => (
              <tr
                key={String(c.id)}
                data-testid="community-row"
                onClick={() => {
                  const f = communities?.[c.index];
                  if (!f) return;
                  // Outlined and shown in the inspector, framed above the table.
                  select({ layer: 'communities', id: f.id });
                  zoomTo(bbox(f) as [number, number, number, number]);
                }}
              >
                <td>{c.name}</td>
                <td>{c.kind === 'urban' ? t('community.kind.urban') : c.kind === 'rural' ? t('community.kind.rural') : ''}</td>
                <td className="num">{Math.round(c.figures.kindergarten.children).toLocaleString()}</td>
                {COVERAGE_KINDS.map((k) => (
                  <td key={k} className={`num${c.figures[k].share !== null && c.figures[k].share! < 0.5 ? ' low' : ''}`}>{pct(c.figures[k].share)}</td>
                ))}
                <td className="num">{Math.round(c.figures.kindergarten.uncovered).toLocaleString()}</td>
                <td className={`num${seats !== null && seats < 0.95 ? ' low' : ''}`}>{seats === null ? '—' : `${(seats * 100).toFixed(0)}%`}</td>
                <td className={`num${area === 0 ? ' low' : ''}`} data-testid="community-area">{area === null ? '—' : area.toFixed(2)}</td>
                <td className={home === 0 ? 'low' : ''}>{home === null ? '—' : home ? t('community.yes') : t('community.no')}</td>
                <td className={parent === 0 ? 'low' : ''}>{parent === null ? t('community.unknown') : parent ? t('community.yes') : t('community.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
