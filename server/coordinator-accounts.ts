/**
 * Creating coordinator accounts: the authority (when new) with default working hours, and the
 * coordinator with a scrypt-hashed password. Used by the `coordinator-cli create` command.
 */
import { z } from 'zod';
import { DEFAULT_WORKING_HOURS, MIN_PASSWORD_LENGTH, hashPassword } from '../scheduling/index.js';
import { openStore, type Store } from '../store/index.js';
import { TimeZone } from './scheduling-schemas.js';

export const CoordinatorOptions = z.object({
  authority: z.string().trim().min(1, 'is required').max(200),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 code such as FR'),
  'time-zone': TimeZone,
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
});
export type CoordinatorOptions = z.infer<typeof CoordinatorOptions>;

/** Adds the coordinator (and the authority if it is new) to an open store; returns a sentence for the operator. */
export async function addCoordinator(store: Store, options: CoordinatorOptions, password: string): Promise<{ authorityId: string; message: string }> {
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`password: must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (await store.authorities.coordinatorByEmail(options.email)) throw new Error(`email: a coordinator with ${options.email} already exists`);
  const authority =
    (await store.authorities.findByName(options.authority)) ??
    (await store.authorities.create({
      name: options.authority,
      country: options.country,
      timeZone: options['time-zone'],
      workingHours: DEFAULT_WORKING_HOURS,
      holidays: [],
      bufferMinutes: 15,
      minLeadDays: 14,
    }));
  if (authority.timeZone !== options['time-zone']) throw new Error(`time-zone: ${authority.name} already exists in ${authority.timeZone}`);
  await store.authorities.createCoordinator({
    authorityId: authority.id,
    email: options.email,
    displayName: options.name,
    passwordHash: await hashPassword(password),
  });
  return { authorityId: authority.id, message: `coordinator ${options.email} created for ${authority.name} (${authority.timeZone}); sign in at /coordinator` };
}

export async function createCoordinator(databaseUrl: string, options: CoordinatorOptions, password: string): Promise<string> {
  const store = await openStore(databaseUrl);
  try {
    return (await addCoordinator(store, options, password)).message;
  } finally {
    await store.close();
  }
}
