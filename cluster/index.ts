/**
 * cluster — several servers of one national service sharing its hearings. Each server announces
 * itself in Redis under a time-to-live (`registry.ts`); each hearing in session is placed on one live
 * server at a time under a lease its holder renews (`placement.ts`), and placed again when that
 * server dies. PostgreSQL stays the one durable store: the record, and the database lease that
 * fences out a server that lost a hearing (`store/leases.ts`). One server on SQLite needs none of it.
 */
export { NoServerAvailable, Placement } from './placement.js';
export { HEARTBEAT_MS, LIVENESS_MS, NodeAnnouncement, NodeRegistry } from './registry.js';
