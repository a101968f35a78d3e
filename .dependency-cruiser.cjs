/**
 * The layers of Hearing Room, as rules that fail CI (`npm run check:layers`). One way only:
 *   web ⇢(types) signaling → courtroom → model;   signaling → sfu, recording, record, store;
 *   store, scheduling → model;   retention → store, scheduling (types);   cluster (Redis: servers and placement) → nothing of ours;
 *   server → everything (it wires the process).
 * Within signaling/, the request handlers (*-handlers.ts) call down to the live hearing and the shared
 * parts (court-decisions.ts, media-reconciler.ts, court-broadcast.ts, record-writer.ts…) and never one another.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: the modules in it can only be understood, tested and changed together.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-is-a-leaf',
      comment: 'model/ (roles, the hearing, its participants, the event catalogue, what a text is) depends on no other part.',
      severity: 'error',
      from: { path: '^model/' },
      to: { path: '^(courtroom|scheduling|store|signaling|sfu|server|recording|record|retention|web)/' },
    },
    {
      name: 'court-rules-are-pure',
      comment: 'The court’s rules read the model and languages only: no store, no transport, no media server.',
      severity: 'error',
      from: { path: '^courtroom/' },
      to: { path: '^(scheduling|store|signaling|sfu|server|recording|record|retention|web)/' },
    },
    {
      name: 'store-below-the-court',
      comment: 'The store keeps what the court and the coordinators decide; it never calls them.',
      severity: 'error',
      from: { path: '^store/' },
      to: { path: '^(courtroom|signaling|sfu|server|recording|retention|web)/' },
    },
    {
      name: 'nothing-calls-up-to-the-transport',
      comment: 'Only server/ (and the command-line entry points) may import the HTTP server or the signalling.',
      severity: 'error',
      from: { path: '^(model|courtroom|scheduling|store|sfu|recording|record|retention|language|cluster)/', pathNot: 'cli[.]ts$' },
      to: { path: '^(signaling|server)/' },
    },
    {
      name: 'handlers-never-call-handlers',
      comment:
        'A request handler parses, checks the permission and hands the request to the court or the media; what two handlers share lives beneath them, so no handler imports another.',
      severity: 'error',
      from: { path: '^signaling/[^/]+-handlers[.]ts$' },
      to: { path: '^signaling/[^/]+-handlers[.]ts$' },
    },
    {
      name: 'only-the-entry-registers-handlers',
      comment: 'The handlers are wired to a connection in one place (signaling/connection.ts); nothing beneath them reaches back up.',
      severity: 'error',
      from: { path: '^signaling/', pathNot: '^signaling/(connection|[^/]+-handlers)[.]ts$' },
      to: { path: '^signaling/[^/]+-handlers[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(test|bench|web/dist|dist|node_modules)/' },
  },
};
