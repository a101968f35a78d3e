/**
 * Two authorities in different countries with a coordinator each, their rooms, judge and interpreter,
 * and a small HTTP client that keeps the coordinator's session cookie: what the scheduling tests start
 * from.
 */
import type { Store } from '../../store/index.js';
import { addCoordinator } from '../../server/coordinator-accounts.js';

export const PASSWORD = 'correct horse battery staple';

export interface Site {
  authorityId: string;
  email: string;
  roomId: string;
  judgeId?: string;
  interpreterId?: string;
}

/** Paris asks (Europe/Paris); Montréal is asked (America/Toronto): six hours apart, DST on different dates. */
export async function twoAuthorities(store: Store, suffix = ''): Promise<{ paris: Site; montreal: Site }> {
  const p = await addCoordinator(
    store,
    {
      authority: `Tribunal judiciaire de Paris${suffix}`,
      country: 'FR',
      'time-zone': 'Europe/Paris',
      name: 'Claire Martin',
      email: `claire${suffix}@justice.fr`,
    },
    PASSWORD,
  );
  const m = await addCoordinator(
    store,
    {
      authority: `Cour du Québec, Montréal${suffix}`,
      country: 'CA',
      'time-zone': 'America/Toronto',
      name: 'Marc Tremblay',
      email: `marc${suffix}@justice.qc.ca`,
    },
    PASSWORD,
  );
  const res = (authorityId: string, kind: 'room' | 'judge' | 'interpreter', name: string, languages: string[] = []) =>
    store.authorities.createResource({ authorityId, kind, name, languages, email: kind === 'interpreter' ? 'interprete@example.org' : null });
  const parisRoom = await res(p.authorityId, 'room', 'Salle 4.12');
  const judge = await res(p.authorityId, 'judge', 'Judge Anne Leroy');
  const montrealRoom = await res(m.authorityId, 'room', 'Salle de visioconférence 2');
  const interpreter = await res(m.authorityId, 'interpreter', 'Nadia Haddad', ['fr', 'ar']);
  return {
    paris: { authorityId: p.authorityId, email: `claire${suffix}@justice.fr`, roomId: parisRoom.id, judgeId: judge.id },
    montreal: { authorityId: m.authorityId, email: `marc${suffix}@justice.qc.ca`, roomId: montrealRoom.id, interpreterId: interpreter.id },
  };
}

export interface Client {
  get(path: string): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  put(path: string, body?: unknown): Promise<{ status: number; body: any; text: string; headers: Headers }>;
  delete(path: string): Promise<{ status: number; body: any; text: string; headers: Headers }>;
}

/** Signs in and returns a client that sends the session cookie (and, given one, the language its reader reads). */
export async function signIn(baseUrl: string, email: string, password = PASSWORD, language?: string): Promise<Client> {
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie ? { cookie } : {}),
        ...(language ? { 'accept-language': language } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed as any, text, headers: response.headers };
  };
  const client: Client = {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    put: (p, b) => call('PUT', p, b ?? {}),
    delete: (p) => call('DELETE', p),
  };
  const login = await client.post('/api/session', { email, password });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.text}`);
  return client;
}

/** Both authorities, with each coordinator signed in on the running server. */
export async function twoSignedIn(server: {
  url: string;
  store: Store;
}): Promise<{ sites: Awaited<ReturnType<typeof twoAuthorities>>; paris: Client; montreal: Client }> {
  const sites = await twoAuthorities(server.store);
  return { sites, paris: await signIn(server.url, sites.paris.email), montreal: await signIn(server.url, sites.montreal.email) };
}

/** A request's history as its coordinators see it, oldest first. */
export async function historyOf(client: Client, requestId: string): Promise<{ type: string; data: any; system: boolean }[]> {
  return (await client.get(`/api/requests/${requestId}`)).body.events;
}

/** The next Tuesday at least `weeks` weeks ahead, as a local date "YYYY-MM-DD". */
export function tuesdayInWeeks(weeks: number): string {
  const d = new Date(Date.now() + weeks * 7 * 86_400_000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Paris asks Montréal to hear a witness who reads `language`, and both coordinators take the request
 * to scheduled the quickest way: accepted with an officer, the first slot both sites have, agreed,
 * and a test connection the day before that went well. The e-mail addresses are optional. Returns the request.
 */
export async function scheduleRequest(
  paris: Client,
  montreal: Client,
  sites: Awaited<ReturnType<typeof twoAuthorities>>,
  options: { caseReference: string; language: string; weeksAhead?: number; witnessEmail?: string; officerEmail?: string; judgeEmail?: string },
): Promise<{ id: string; body: any }> {
  // The sites share one slot a day (15:00–17:00 Paris): each request of a test takes a week of its own.
  const day = tuesdayInWeeks(options.weeksAhead ?? 5);
  const expect = <R extends { status: number; text: string }>(response: R, status: number): R => {
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
    return response;
  };
  const act = (client: Client, id: string, action: object) => client.post(`/api/requests/${id}/actions`, { action });
  const drafted = expect(
    await paris.post('/api/requests', {
      title: 'Hearing of a witness in Montréal',
      caseReference: options.caseReference,
      requestedAuthorityId: sites.montreal.authorityId,
      legalBasis: { instrument: 'Treaty on mutual legal assistance in criminal matters (France–Canada)', article: 'Art. 14' },
      reasonsNotInPerson: 'The witness is 84 and cannot travel.',
      conductedBy: [{ name: 'Judge Anne Leroy', role: 'presiding_judge', ...(options.judgeEmail ? { email: options.judgeEmail } : {}) }],
      person: {
        name: 'Youssef Benali',
        nationality: 'CA',
        capacity: 'witness',
        language: options.language,
        ...(options.witnessEmail ? { email: options.witnessEmail } : {}),
      },
      hearingLanguage: 'fr',
      interpretation: 'French–Arabic, consecutive',
      durationMinutes: 90,
      proposedWindows: [{ start: { local: `${day}T08:00`, zone: 'Europe/Paris' }, end: { local: `${day}T19:00`, zone: 'Europe/Paris' } }],
      resourceIds: [sites.paris.roomId, sites.paris.judgeId],
    }),
    201,
  );
  const id = drafted.body.id as string;
  expect(await act(paris, id, { type: 'send' }), 200);
  expect(
    await act(montreal, id, {
      type: 'accept',
      resourceIds: [sites.montreal.roomId],
      officer: { name: 'Judge Marie Gagnon', ...(options.officerEmail ? { email: options.officerEmail } : {}) },
    }),
    200,
  );
  const [first] = expect(await montreal.get(`/api/requests/${id}/slots`), 200).body;
  expect(
    await act(montreal, id, { type: 'propose_slot', start: { utc: first.start }, ...(first.interpreterId ? { interpreterId: first.interpreterId } : {}) }),
    200,
  );
  expect(await act(paris, id, { type: 'agree_slot' }), 200);
  const testStart = new Date(Date.parse(first.start) - 24 * 3600_000).toISOString();
  expect(await act(paris, id, { type: 'book_test', start: { utc: testStart }, durationMinutes: 30 }), 200);
  expect(
    await act(montreal, id, {
      type: 'record_test',
      result: 'go',
      audio: true,
      video: true,
      network: '40 ms RTT, no loss',
      encryption: 'DTLS-SRTP',
      contacts: { requesting: 'Claire Martin +33 1 44 32 00 00', requested: 'Marc Tremblay +1 514 393 0000' },
    }),
    200,
  );
  const scheduled = expect(await act(paris, id, { type: 'schedule' }), 200);
  return { id, body: scheduled.body };
}
