/**
 * Several servers of one service in one test: a fresh PostgreSQL database they share, and every
 * server and socket the test opens, all closed (and the database dropped) after it.
 */
import { createTestDatabase } from './postgres.js';
import type { TestServer } from './server.js';
import type { TestSocket } from './socket-client.js';

export function severalServers() {
  const sockets: TestSocket[] = [];
  const servers: TestServer[] = [];
  let drop: (() => Promise<void>) | undefined;
  return {
    sockets,
    servers,
    /** The database the servers share. */
    async database(): Promise<string> {
      const db = await createTestDatabase();
      drop = db.drop;
      return db.url;
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.close();
      for (const server of servers) await server.close();
      await drop?.();
    },
  };
}
