/**
 * Every language a person may speak, to choose by name: the ISO 639-1 languages, named in the
 * dashboard's language by Intl, offered through a datalist that the browser filters as one types.
 * A language outside the list is typed as its BCP 47 tag (the server checks it against the IANA
 * registry).
 */
import { h } from './dom.js';
import { languageName } from './words.js';

const ISO_639_1 = (
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
  'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ' +
  'ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os ' +
  'pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ' +
  'ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** A datalist of every language, "Polish (pl)", for an input to take by its `list` attribute. */
export function languageList(id: string): HTMLDataListElement {
  const options = ISO_639_1.map((code) => ({ code, name: languageName(code) })).sort((a, b) => a.name.localeCompare(b.name));
  return h('datalist', { id }, ...options.map(({ code, name }) => h('option', { value: code }, name)));
}
