# syntax=docker/dockerfile:1
#
# The gateway with the dashboard built in. Build from the repository root:
#   docker build -f deployment/docker/gateway.Dockerfile -t aigw-gateway .
# Runs `node --enable-source-maps dist/main.js`, what `pnpm --filter ./apps/gateway start` runs.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install the workspace, build gateway + shared + web, deploy the gateway's prod files
FROM ${NODE_IMAGE} AS build
# PNPM_HOME also puts pnpm's store at /pnpm/store, the cache mount below.
ENV PNPM_HOME=/pnpm CI=true
RUN npm i -g pnpm@10
WORKDIR /src

# Dependencies first (from the lockfile alone), so a source change does not refetch them.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch

COPY . .
# `deploy --legacy`: how pnpm 10 deploys non-injected workspace packages (@aigw/shared goes in with its dist).
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline \
 && pnpm --filter "@aigw/gateway..." --filter "@aigw/web..." --workspace-concurrency=1 run build \
 && test -f apps/gateway/dist/main.js \
 && test -f apps/web/dist/index.html \
 && pnpm --filter @aigw/gateway deploy --prod --legacy /out \
 && rm -rf /out/src /out/test /out/tsconfig*.json \
 && cp -r apps/web/dist /out/web

# ---- runtime: node + the deployed files, no build tools, not root
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    WEB_DIR=/app/web
WORKDIR /app
# Owned by root and read-only to the process; only DATA_DIR (embedded database, generated secrets) is writable.
COPY --from=build /out /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080 8443
# No curl in slim images: node's own fetch. /health is 503 while the database or Redis does not answer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (finishes in-flight requests, SHUTDOWN_GRACE_MS).
CMD ["node", "--enable-source-maps", "dist/main.js"]
