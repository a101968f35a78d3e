# Hearing Room server image. The mediasoup worker is compiled from the sources in its npm package
# against Debian 12's libraries (the same recipe as ./hearing-room), so the image needs nothing from
# outside the npm registry and Debian.

FROM node:20-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev pkg-config g++ python3 make \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV HEARING_ROOM_CACHE=/opt/hearing-room-cache
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Point mediasoup at the worker we build, so its own postinstall does not try to download one.
RUN MEDIASOUP_WORKER_BIN="$(bash scripts/build-mediasoup-worker.sh --print-path)" npm ci \
 && bash scripts/build-mediasoup-worker.sh \
 && cp "$(bash scripts/build-mediasoup-worker.sh --print-path)" /opt/mediasoup-worker
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libuv1 libssl3 libsrtp2-1 libusrsctp2 libabsl20220623 tini ffmpeg openssl poppler-utils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /opt/mediasoup-worker /usr/local/bin/mediasoup-worker
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
ENV NODE_ENV=production \
    MEDIASOUP_WORKER_BIN=/usr/local/bin/mediasoup-worker \
    HEARING_ROOM_HOST=0.0.0.0 \
    HEARING_ROOM_DATA_DIR=/var/lib/hearing-room
# The recordings folder exists in the image so that a volume mounted there starts owned by `node`.
RUN mkdir -p /var/lib/hearing-room/recordings && chown -R node:node /var/lib/hearing-room
USER node
EXPOSE 3000 40000-40015/udp 40000-40015/tcp
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HEARING_ROOM_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/server/main.js"]
