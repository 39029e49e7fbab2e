# syntax=docker/dockerfile:1
#
# The model host agent of one GPU machine. Build from the repository root:
#   docker build -f deployment/docker/model-host.Dockerfile -t aigw-model-host .
# Runs `node --enable-source-maps dist/main.js`, what `pnpm --filter ./apps/model-host start` runs.
# GPUs: run with `--gpus all` (NVIDIA Container Toolkit), which also puts nvidia-smi on PATH.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install the workspace, build model-host + shared, deploy the model host's prod files
FROM ${NODE_IMAGE} AS build
# PNPM_HOME also puts pnpm's store at /pnpm/store, the cache mount below.
ENV PNPM_HOME=/pnpm CI=true
RUN npm i -g pnpm@10
WORKDIR /src

COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch

COPY . .
# `deploy --legacy`: how pnpm 10 deploys non-injected workspace packages (@aigw/shared goes in with its dist).
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline \
 && pnpm --filter "@aigw/model-host..." --workspace-concurrency=1 run build \
 && test -f apps/model-host/dist/main.js \
 && pnpm --filter @aigw/model-host deploy --prod --legacy /out \
 && rm -rf /out/src /out/test /out/tsconfig*.json

# ---- runtime: node, python3 for model workers, tini to reap the model processes; not root
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5000 \
    DATA_DIR=/data \
    PYTHON_BIN=python3 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/data/home
WORKDIR /app
COPY --from=build /out /app
# DATA_DIR holds the models (DATA_DIR/models) and, when MODEL_HOST_TOKEN is unset, the generated token.
RUN mkdir -p /data/models /data/home && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5000)+'/health',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini as PID 1 forwards SIGTERM to node and reaps the model processes it will start.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
