import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import guideZh from '../../docs/guide.zh.md?raw';
import guideEn from '../../docs/guide.en.md?raw';
import { useAppStore } from '../store/appStore';
import { useT } from './i18n';
import { useEscape } from './useEscape';

/** The guide's screenshots, bundled so the guide works offline on the office network. */
const IMAGES = import.meta.glob('../../docs/img/guide-*.jpg', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const imageUrl = (path: string) => IMAGES[`../../docs/${path}`];

/** **bold** inside a line, as elements: the guide is our own text, but it is still never injected as HTML. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g).map((part, i) =>
    part.startsWith('**') ? <strong key={i}>{part.slice(2, -2)}</strong> : part.startsWith('`') ? <code key={i}>{part.slice(1, -1)}</code> : part,
  );
}

/** The small part of Markdown the guide uses: headings, paragraphs, lists, quotes, images. */
function render(markdown: string): ReactNode[] {
  const out: ReactNode[] = [];
  let list: ReactNode[] = [];
  const flush = () => {
    if (list.length > 0) out.push(<ul key={`l${out.length}`}>{list}</ul>);
    list = [];
  };
  markdown.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    const item = /^\s*(?:-|\d+\.)\s+(.*)$/.exec(line);
    if (item) {
      list.push(<li key={i}>{inline(item[1]!)}</li>);
      return;
    }
    if (/^\s{2,}\S/.test(line) && list.length > 0) return; // continuation lines of a list item are folded into it below
    flush();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const image = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(line);
    if (heading) out.push(heading[1]!.length === 1 ? <h2 key={i}>{heading[2]}</h2> : <h3 key={i}>{heading[2]}</h3>);
    else if (image) {
      const url = imageUrl(image[2]!);
      if (url) out.push(<img key={i} src={url} alt={image[1]} className="guide-shot" />);
    } else if (line.startsWith('> ')) out.push(<p key={i} className="muted small">{inline(line.slice(2))}</p>);
    else if (line.trim()) out.push(<p key={i}>{inline(line)}</p>);
  });
  flush();
  return out;
}

/** The user guide, in the interface's language, opened at a section when asked ("how is this computed"). */
export function GuidePanel() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const anchor = useAppStore((s) => s.guideAnchor);
  const openPanel = useAppStore((s) => s.openPanel);
  useEscape(useCallback(() => openPanel('none'), [openPanel]));
  const body = useRef<HTMLDivElement>(null);
  // Markdown list items may continue on indented lines: join them before rendering.
  const text = (lang === 'en' ? guideEn : guideZh).replace(/\n {2,}(?=\S)/g, ' ');
  useEffect(() => {
    if (!anchor || !body.current) return;
    const phrase = t(`guide.anchor.${anchor}` as 'guide.anchor.methods');
    const target = [...body.current.querySelectorAll('p, h2, h3')].find((el) => el.textContent?.includes(phrase));
    target?.scrollIntoView({ block: 'start' });
  }, [anchor, lang, t]);
  return (
    <div className="modal" role="dialog" aria-modal="true" data-testid="guide-panel">
      <div className="modal-body wide guide" ref={body}>
        {render(text)}
        <div className="actions">
          <button className="primary" onClick={() => openPanel('none')}>{t('report.close')}</button>
        </div>
      </div>
    </div>
  );
}

/** "How is this computed?": the guide, at its methods. */
export function HowComputed() {
  const t = useT();
  const openGuide = useAppStore((s) => s.openGuide);
  return <button className="link" data-testid="how-computed" onClick={() => openGuide('methods')}>{t('guide.how')}</button>;
}
