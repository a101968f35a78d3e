/**
 * A TCP relay of the test's own between the server and PostgreSQL, whose connections a test can cut
 * (every connection dropped, new ones refused) and restore, as a network fault would: a test double
 * of the network only; PostgreSQL and the server are real.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createTestDatabase } from './postgres.js';

/** A TCP relay to PostgreSQL that can be cut (every connection dropped, new ones refused) and restored. */
export async function relayTo(host: string, port: number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const open = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = connect(port, host);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.pipe(upstream).pipe(client);
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      refusing = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      refusing = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface DatabaseBehindRelay {
  relay: Awaited<ReturnType<typeof relayTo>>;
  /** The address the server is given: the database, through the relay. */
  url: string;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database of the test's own, reached through a relay that can be cut. */
export async function databaseBehindRelay(): Promise<DatabaseBehindRelay> {
  const database = await createTestDatabase();
  const url = new URL(database.url);
  const relay = await relayTo(url.hostname, Number(url.port || 5432));
  url.hostname = '127.0.0.1';
  url.port = String(relay.port);
  return {
    relay,
    url: url.toString(),
    async close() {
      relay.restore();
      await relay.close();
      await database.drop();
    },
  };
}
