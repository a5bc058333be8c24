import { LAYER_LABELS, LAYER_NAMES } from '../core/layers';
import { useLang } from './i18n';

/** One `<option>` per contract layer, named in the planner's language with the file name beside it. */
export function LayerOptions() {
  const lang = useLang();
  return (
    <>
      {LAYER_NAMES.map((l) => (
        <option key={l} value={l}>
          {LAYER_LABELS[l][lang]} ({l})
        </option>
      ))}
    </>
  );
}
